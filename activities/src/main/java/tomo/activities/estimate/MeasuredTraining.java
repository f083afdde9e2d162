package tomo.activities.estimate;

/**
 * The speed of one finished training of the sweep, from its stored result.
 *
 * @param atomsPerSecond training-part atoms × epochs ÷ the training's wall time (which includes its
 *     validation and test passes, checkpoints and first-epoch warm-up)
 * @param threads intra-op threads it ran with, 0 when not recorded
 * @param device the device that ran it, {@code "unknown"} when not recorded
 * @param concurrentTrainings trainings its worker ran at once, 1 when not recorded
 */
public record MeasuredTraining(
    double atomsPerSecond, int threads, String device, int concurrentTrainings) {}
