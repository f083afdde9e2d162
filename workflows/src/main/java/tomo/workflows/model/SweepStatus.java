package tomo.workflows.model;

import java.util.Locale;

/**
 * Where a sweep stands. Spelled by {@link #label()} in search attributes only: not a {@code
 * tomo.hyper.Labelled}, since progress in Temporal payloads writes the constant's name.
 */
public enum SweepStatus {
  PREPARING,
  RUNNING,
  REPORTING,
  /** Every cell ended, some failed; waiting for a retry signal (or the retry window to pass). */
  WAITING_FOR_RETRY,
  COMPLETED,
  COMPLETED_WITH_FAILURES,
  CANCELLED,
  /**
   * The sweep itself failed (its dataset could not be prepared, its report not written, a group
   * broke): the progress names the cause; nothing more will run.
   */
  FAILED;

  /** How search attributes and the Temporal UI spell it: {@code waiting_for_retry}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
