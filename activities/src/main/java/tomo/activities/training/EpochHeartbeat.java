package tomo.activities.training;

/**
 * Heartbeat details of a running training.
 *
 * @param epoch last finished epoch (0 before the first)
 * @param bestValMetric best validation metric so far (NaN before the first epoch)
 */
public record EpochHeartbeat(int epoch, double bestValMetric) {}
