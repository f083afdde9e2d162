package tomo.workflows.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where a training of a sweep stands, as progress and metrics count it. Spelled by {@link #label()}
 * in metric labels only: not a {@code tomo.hyper.Labelled}, since progress in Temporal payloads
 * writes the constant's name.
 */
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
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every state's label, in declaration order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(CellState::label).toList();
  }
}
