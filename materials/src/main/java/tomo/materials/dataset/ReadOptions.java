package tomo.materials.dataset;

/**
 * How to read a dataset.
 *
 * @param skipBad skip rows that cannot be read (each one is logged and listed in {@link
 *     Dataset#skipped()}) instead of failing on the first
 * @param limit read at most this many data rows (0 = all)
 * @param deriveMissing derive properties the file lacks (absent column or empty cell) from the
 *     structure where possible
 */
public record ReadOptions(boolean skipBad, int limit, boolean deriveMissing) {
  public ReadOptions {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be ≥ 0 (0 = all rows), got " + limit);
    }
  }

  /** Fail on the first bad row, read all rows, derive missing properties. */
  public static ReadOptions defaults() {
    return new ReadOptions(false, 0, true);
  }

  /** These options with {@code skipBad} set. */
  public ReadOptions withSkipBad(boolean skip) {
    return new ReadOptions(skip, limit, deriveMissing);
  }

  /** These options with a row limit (0 = all). */
  public ReadOptions withLimit(int rows) {
    return new ReadOptions(skipBad, rows, deriveMissing);
  }
}
