package tomo.activities.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How many trainings were still improving when they stopped: their best validation epoch is their
 * last, so a longer run would likely have lowered their error further.
 *
 * @param checked trainings whose epoch count is recorded
 * @param atLastEpoch of those, the ones whose best epoch is their last
 * @param unrecorded trainings without a recorded epoch count (older {@code trainings.csv})
 */
// the computed properties too, in a fixed order: Jackson finds them by reflection, whose order
// varies run to run
@JsonPropertyOrder({"checked", "atLastEpoch", "unrecorded", "shareAtLastEpoch", "passes"})
public record ConvergenceCheck(int checked, int atLastEpoch, int unrecorded) {

  /** Share of checked trainings whose best epoch is their last; 0 when none was checked. */
  @JsonProperty("shareAtLastEpoch")
  public double shareAtLastEpoch() {
    return checked == 0 ? 0 : (double) atLastEpoch / checked;
  }

  /** Whether few enough trainings were still improving (see {@link ReportChecks}). */
  @JsonProperty("passes")
  public boolean passes() {
    return shareAtLastEpoch() <= ReportChecks.CONVERGENCE_MAX_SHARE;
  }
}
