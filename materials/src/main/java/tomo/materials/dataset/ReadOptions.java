package tomo.materials.dataset;

/**
 * How to read a dataset.
 *
 * @param skipBad skip rows that cannot be read (each one is logged and listed in {@link
 *     Dataset#skipped()}) instead of failing on the first
 * @param limit read at most the first this many data rows (0 = all). The shared files are sorted by
 *     material id, so the first rows are not a sample of the data: use {@code sample} for that
 * @param deriveMissing derive properties the file lacks (absent column or empty cell) from the
 *     structure where possible
 * @param sample keep a seeded uniform random subset of this many data rows, in file order (0 = all
 *     rows); a file with fewer rows is read whole
 * @param sampleSeed seed of that subset: the same file, size and seed always select the same rows
 */
public record ReadOptions(
    boolean skipBad, int limit, boolean deriveMissing, int sample, long sampleSeed) {
  public ReadOptions {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be ≥ 0 (0 = all rows), got " + limit);
    }
    if (sample < 0) {
      throw new IllegalArgumentException("sample must be ≥ 0 (0 = all rows), got " + sample);
    }
    if (limit > 0 && sample > 0) {
      throw new IllegalArgumentException(
          "limit (the first N rows) and sample (a random N rows) exclude each other");
    }
  }

  /** Options without a sample. */
  public ReadOptions(boolean skipBad, int limit, boolean deriveMissing) {
    this(skipBad, limit, deriveMissing, 0, 0);
  }

  /** Fail on the first bad row, read all rows, derive missing properties. */
  public static ReadOptions defaults() {
    return new ReadOptions(false, 0, true);
  }

  /** These options with {@code skipBad} set. */
  public ReadOptions withSkipBad(boolean skip) {
    return new ReadOptions(skip, limit, deriveMissing, sample, sampleSeed);
  }

  /** These options with a row limit (0 = all): the first {@code rows} rows of the file. */
  public ReadOptions withLimit(int rows) {
    return new ReadOptions(skipBad, rows, deriveMissing, sample, sampleSeed);
  }

  /** These options with a seeded uniform random subset of {@code rows} rows (0 = all). */
  public ReadOptions withSample(int rows, long seed) {
    return new ReadOptions(skipBad, limit, deriveMissing, rows, seed);
  }
}
