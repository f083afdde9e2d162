package tomo.activities.training;

/**
 * What a trainer reports for a finished training.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param testMetric test metric at the best-validation epoch
 * @param bestEpoch 1-based
 * @param epochsTrained epochs trained by this call (fewer than the total after a resume)
 * @param seconds wall time of this call's epochs
 */
public record TrainingRun(
    String metric, double testMetric, int bestEpoch, int epochsTrained, double seconds) {}
