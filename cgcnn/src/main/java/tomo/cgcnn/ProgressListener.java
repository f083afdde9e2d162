package tomo.cgcnn;

/**
 * Told after every epoch, once its checkpoint is on disk (so a listener that throws, or a process
 * that dies inside it, loses no finished epoch).
 */
@FunctionalInterface
public interface ProgressListener {
  void onEpoch(EpochProgress progress);

  ProgressListener NONE = progress -> {};
}
