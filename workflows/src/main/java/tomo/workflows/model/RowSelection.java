package tomo.workflows.model;

import java.util.Objects;

/**
 * The rows every training of a sweep reads: which ones, and whether rows that cannot be read are
 * skipped (each one counted and listed in the report) or fail the sweep. The spec's data selection
 * and every training request carry it; one function in the activities maps it to the dataset
 * reader's options. The records that carry it write it in JSON as the four flat fields it replaced
 * ({@code limit}, {@code sample}, {@code sampleSeed}, {@code skipBadRows}), so specs and requests
 * stored or in flight read as before and keep their content hashes.
 *
 * @param rows all, the first N, or a seeded random N
 * @param skipBadRows skip unreadable rows instead of failing on the first
 */
public record RowSelection(Rows rows, boolean skipBadRows) {

  /** Every row, failing on the first that cannot be read. */
  public static final RowSelection ALL = new RowSelection(Rows.ALL, false);

  public RowSelection {
    Objects.requireNonNull(rows, "rows");
  }

  /**
   * The selection a spec's flat fields name: {@code sample} and {@code sampleSeed} null when the
   * spec leaves them out (all rows, or the first {@code limit} when it is positive).
   *
   * @throws IllegalArgumentException when both {@code limit} and {@code sample} are set
   */
  public static RowSelection of(int limit, Integer sample, Long sampleSeed, boolean skipBadRows) {
    return new RowSelection(
        Rows.of(limit, sample == null ? 0 : sample, sampleSeed == null ? 0 : sampleSeed),
        skipBadRows);
  }

  /** These rows, with unreadable rows skipped or not. */
  public RowSelection withSkipBadRows(boolean skip) {
    return new RowSelection(rows, skip);
  }
}
