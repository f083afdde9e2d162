package tomo.materials.cif;

/**
 * One value of a CIF data item.
 *
 * @param text the value with quotes or text-field delimiters removed
 * @param line 1-based line where the value starts
 * @param quoted whether the value was quoted or a text field; a quoted "?" or "." is literal text
 */
record CifValue(String text, int line, boolean quoted) {
  /** CIF's "unknown" ({@code ?}) or "inapplicable" ({@code .}) marker, unquoted. */
  boolean isNull() {
    return !quoted && (text.equals("?") || text.equals("."));
  }
}
