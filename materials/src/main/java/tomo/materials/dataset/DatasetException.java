package tomo.materials.dataset;

import java.nio.file.Path;

/**
 * A dataset file that cannot be read. The message names the file, the data row (1-based, header
 * excluded; 0 for the header or the file as a whole), the field, and what was expected.
 */
public final class DatasetException extends RuntimeException {
  private final Path file;
  private final int row;
  private final String field;

  public DatasetException(Path file, int row, String field, String reason, Throwable cause) {
    super(
        "%s, %s, field %s: %s"
            .formatted(file, row > 0 ? "row " + row : "header/file", field, reason),
        cause);
    this.file = file;
    this.row = row;
    this.field = field;
  }

  public DatasetException(Path file, int row, String field, String reason) {
    this(file, row, field, reason, null);
  }

  /** The file. */
  public Path file() {
    return file;
  }

  /** 1-based data row, 0 when the problem concerns the header or the whole file. */
  public int row() {
    return row;
  }

  /** The column at fault. */
  public String field() {
    return field;
  }
}
