package tomo.workflows.model;

/**
 * Which rows of the dataset every training of a sweep reads: all of them, the first N (the shared
 * files are sorted by material id, so these are not a sample), or a seeded uniform random N. One
 * type from the spec to the training request, the dataset reader's options and the report; written
 * in JSON as the flat {@code limit}, {@code sample} and {@code sampleSeed} it replaced ({@link
 * RowSelection}), so stored requests and their content hashes stay as they were.
 */
public sealed interface Rows permits Rows.All, Rows.First, Rows.Sample {

  /** Every row of the file. */
  Rows ALL = new All();

  /** How a report and a log say it: {@code all rows}, {@code first 500 rows}, … */
  String describe();

  /** The first rows read, 0 for none of that kind (the flat field {@code limit}). */
  default int limit() {
    return 0;
  }

  /** The rows of a random subset, 0 for none (the flat field {@code sample}). */
  default int sampleSize() {
    return 0;
  }

  /** The seed of that subset, 0 without one (the flat field {@code sampleSeed}). */
  default long sampleSeed() {
    return 0;
  }

  /**
   * The rows named by the flat fields of specs and requests: at most one of {@code limit} and
   * {@code sample} is positive, and both 0 means every row.
   *
   * @throws IllegalArgumentException when both are set, or either is negative
   */
  static Rows of(int limit, int sample, long sampleSeed) {
    if (limit < 0 || sample < 0) {
      throw new IllegalArgumentException(
          "limit and sample count rows: expected >= 0, got limit " + limit + ", sample " + sample);
    }
    if (limit > 0 && sample > 0) {
      throw new IllegalArgumentException(
          "give either limit (the first N rows) or sample (a random N rows), not both");
    }
    if (limit > 0) {
      return new First(limit);
    }
    return sample > 0 ? new Sample(sample, sampleSeed) : ALL;
  }

  /** Every row. */
  record All() implements Rows {
    @Override
    public String describe() {
      return "all rows";
    }
  }

  /** The first {@code count} rows of the file, in file order. */
  record First(int count) implements Rows {
    public First {
      if (count < 1) {
        throw new IllegalArgumentException("the first N rows: expected N >= 1, got " + count);
      }
    }

    @Override
    public String describe() {
      return "first " + count + " rows";
    }

    @Override
    public int limit() {
      return count;
    }
  }

  /**
   * A seeded uniform random subset of {@code count} rows, in file order: the same file, count and
   * seed always give the same rows.
   */
  record Sample(int count, long seed) implements Rows {
    public Sample {
      if (count < 1) {
        throw new IllegalArgumentException("a random N rows: expected N >= 1, got " + count);
      }
    }

    @Override
    public String describe() {
      return "random sample of " + count + " (seed " + seed + ")";
    }

    @Override
    public int sampleSize() {
      return count;
    }

    @Override
    public long sampleSeed() {
      return seed;
    }
  }
}
