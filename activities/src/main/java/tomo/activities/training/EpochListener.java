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
}
