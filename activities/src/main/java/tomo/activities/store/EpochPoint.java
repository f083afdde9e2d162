package tomo.activities.store;

/**
 * One finished epoch of a training's learning curve, as stored with its result and drawn by the
 * report.
 *
 * @param epoch 1-based
 * @param trainLoss mean training loss of the epoch (MSE of the standardized target, or NLL)
 * @param valMetric validation MAE (target unit) or error rate of the epoch
 */
public record EpochPoint(int epoch, double trainLoss, double valMetric) {}
