package tomo.workflows.model;

/**
 * What one finished training contributes to a sweep report.
 *
 * @param target the property the network predicts
 * @param property the added property, or {@code null} for a baseline training
 * @param representation what the model saw
 * @param seed the split seed; a baseline and an augmented training with the same seed share the
 *     split
 * @param metric {@code mae} for a numeric target (in the target's unit), {@code error_rate} (a
 *     fraction) for a categorical one
 * @param testMetric the test-set metric at the best-validation epoch
 * @param bestEpoch the 1-based epoch with the best validation metric
 * @param artifactPath where the training's result and checkpoints are stored
 */
public record TrainingOutcome(
    String target,
    String property,
    Representation representation,
    int seed,
    String metric,
    double testMetric,
    int bestEpoch,
    String artifactPath) {

  /** The cell this training belongs to. */
  public CellKey cellKey() {
    return new CellKey(target, property, representation, seed);
  }
}
