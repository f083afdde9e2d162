package tomo.cgcnn;

/**
 * Told after every epoch, once its checkpoint is on disk (so a listener that throws, or a process
 * that dies inside it, loses no finished epoch).
 */
@FunctionalInterface
public interface ProgressListener {
  void onEpoch(EpochProgress progress);

  /**
   * Told once, before the first epoch, when the run continues from a checkpoint.
   *
   * @param epochsDone epochs the checkpoint holds
   * @param bestValMetric best validation metric of those epochs
   */
  default void onResume(int epochsDone, double bestValMetric) {}

  ProgressListener NONE = progress -> {};
}
