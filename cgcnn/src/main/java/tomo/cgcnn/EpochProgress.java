package tomo.cgcnn;

/**
 * What one finished epoch reports to a {@link ProgressListener}.
 *
 * @param epoch 1-based number of the epoch just finished
 * @param epochs total epochs of the run
 * @param trainLoss mean training loss of the epoch (MSE of the standardized target, or NLL)
 * @param valMetric validation MAE (target unit) or error rate of this epoch
 * @param bestValMetric best validation metric so far
 * @param bestEpoch 1-based epoch of the best validation metric
 * @param seconds wall time of the epoch in seconds (training, validation, and the test pass of a
 *     new best epoch)
 * @param trainSeconds wall time of the epoch's training steps alone, in seconds
 * @param residentMiB resident memory of the process after the epoch in MiB (Linux; -1 elsewhere)
 */
public record EpochProgress(
    int epoch,
    int epochs,
    double trainLoss,
    double valMetric,
    double bestValMetric,
    int bestEpoch,
    double seconds,
    double trainSeconds,
    double residentMiB) {}
