package tomo.activities.training;

import java.time.Duration;

/** Told how long a trainer spent preparing its inputs (for metrics; never changes results). */
public interface PreparationListener {
  /** Reports nothing. */
  PreparationListener NONE =
      new PreparationListener() {
        @Override
        public void datasetRead(Duration duration) {}

        @Override
        public void graphCacheReady(String representation, boolean built, Duration duration) {}
      };

  /** The dataset file was read and parsed. */
  void datasetRead(Duration duration);

  /**
   * The crystal graphs of one representation are ready.
   *
   * @param built true if graphs were built (and cached), false if an existing cache was opened
   */
  void graphCacheReady(String representation, boolean built, Duration duration);
}
