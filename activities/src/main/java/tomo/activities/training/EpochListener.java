package tomo.activities.training;

/** Told after every finished (and checkpointed) epoch. */
@FunctionalInterface
public interface EpochListener {
  /**
   * @param epoch 1-based epoch just finished
   * @param valMetric validation metric of this epoch
   * @param bestValMetric best validation metric so far
   * @param seconds wall time of the epoch
   */
  void epochDone(int epoch, double valMetric, double bestValMetric, double seconds);

  /**
   * The same, with the epoch's training loss, for trainers that know it; listeners that show the
   * loss (metrics) override this one.
   */
  default void epochDone(
      int epoch, double trainLoss, double valMetric, double bestValMetric, double seconds) {
    epochDone(epoch, valMetric, bestValMetric, seconds);
  }

  /**
   * Told once, before the first epoch, when the training continues from a checkpoint: where the
   * newest complete checkpoint left it (which is where the work resumes, whatever an earlier
   * attempt last reported).
   *
   * @param epochsDone epochs the checkpoint holds
   * @param bestValMetric best validation metric of those epochs
   */
  default void resumed(int epochsDone, double bestValMetric) {}
}
