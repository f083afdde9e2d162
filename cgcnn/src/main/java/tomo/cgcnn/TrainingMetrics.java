package tomo.cgcnn;

/**
 * How well one training predicts, measured on the model of its best validation epoch.
 *
 * @param metric "mae" (numeric target, in the target's unit) or "error_rate" (categorical)
 * @param bestEpoch 1-based epoch with the best validation metric (the model that is reported)
 * @param bestValMetric validation metric of that epoch
 * @param testMetric test metric of that epoch
 * @param referenceTestMetric test metric of the trivial predictor (training mean or majority
 *     class), to judge what was learned
 */
public record TrainingMetrics(
    String metric,
    int bestEpoch,
    double bestValMetric,
    double testMetric,
    double referenceTestMetric) {}
