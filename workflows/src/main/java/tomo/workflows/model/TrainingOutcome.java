package tomo.workflows.model;

/**
 * The result of one finished training as the report needs it.
 *
 * @param property the extra property, {@code null} for a baseline
 * @param metric {@code mae} (numeric target, in the target's unit) or {@code error_rate}
 * @param testMetric the metric on the test split at the best-validation epoch
 * @param bestEpoch 1-based epoch with the best validation metric
 * @param artifactPath where the training's result JSON lies in the artifact store
 */
public record TrainingOutcome(
    String target,
    String property,
    String representation,
    int seed,
    String metric,
    double testMetric,
    int bestEpoch,
    String artifactPath) {

  public CellKey cell() {
    return new CellKey(target, property, representation, seed);
  }
}
