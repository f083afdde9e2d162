package tomo.materials.cif;

/**
 * A CIF that cannot be turned into a {@link tomo.materials.structure.Structure}. The message names
 * the source, the line of the CIF text (1-based, 0 when the problem is not tied to one line) and
 * the CIF field (tag) involved.
 */
public final class CifException extends RuntimeException {
  private final int line;
  private final String field;
  private final String reason;

  public CifException(String sourceName, int line, String field, String reason) {
    super(
        "%s: %s%s: %s"
            .formatted(
                sourceName,
                line > 0 ? "CIF line " + line + ", " : "",
                field == null ? "CIF" : "field " + field,
                reason));
    this.line = line;
    this.field = field;
    this.reason = reason;
  }

  /** 1-based line in the CIF text, or 0 when the problem is not tied to one line. */
  public int line() {
    return line;
  }

  /** The CIF tag involved, e.g. {@code _cell_length_a}, or null. */
  public String field() {
    return field;
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }
}
