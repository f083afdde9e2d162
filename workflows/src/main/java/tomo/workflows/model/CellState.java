package tomo.workflows.model;

import java.util.List;

/** Where a training of a sweep stands, as progress and metrics count it. */
public enum CellState {
  /** Not started yet. */
  PENDING,
  /** Scheduled and not finished. */
  RUNNING,
  /** Finished, memoized results included. */
  DONE,
  /** Failed for good (until a retry). */
  FAILED;

  /** The metric label value: {@code pending}, {@code running}, {@code done}, {@code failed}. */
  public String label() {
    return Labels.of(this);
  }

  /** Every state's label, in declaration order. */
  public static List<String> labels() {
    return Labels.all(CellState.class);
  }
}
