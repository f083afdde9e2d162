package tomo.activities.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tomo.workflows.model.Representation;

/**
 * How a target's baseline compares with the trivial predictor (the training mean for an MAE, the
 * majority class for an error rate) on the same test sets, over the seeds where both are recorded.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param baselines baseline trainings the means are over (those with a recorded reference; all
 *     baselines when none has one)
 * @param meanBaselineMetric mean test metric of those baselines
 * @param meanReferenceMetric mean test metric of the trivial predictor; {@code null} when no
 *     baseline recorded one (the synthetic trainer, or an older {@code trainings.csv})
 */
// the computed properties too, in a fixed order: Jackson finds them by reflection, whose order
// varies run to run
@JsonPropertyOrder({
  "target",
  "representation",
  "metric",
  "baselines",
  "meanBaselineMetric",
  "meanReferenceMetric",
  "ratio",
  "beatsReference"
})
public record BaselineCheck(
    String target,
    Representation representation,
    String metric,
    int baselines,
    double meanBaselineMetric,
    Double meanReferenceMetric) {

  /** Baseline error over reference error; {@code null} without a reference. */
  @JsonProperty("ratio")
  public Double ratio() {
    return meanReferenceMetric == null || meanReferenceMetric <= 0
        ? null
        : meanBaselineMetric / meanReferenceMetric;
  }

  /** Whether the baseline beats the trivial predictor clearly (see {@link ReportChecks}). */
  @JsonProperty("beatsReference")
  public boolean beatsReference() {
    Double ratio = ratio();
    return ratio != null && ratio < ReportChecks.BASELINE_MAX_RATIO;
  }

  /** "mean predictor" or "majority class", as the metric implies. */
  public String referenceName() {
    return "error_rate".equals(metric) ? "majority class" : "mean predictor";
  }
}
