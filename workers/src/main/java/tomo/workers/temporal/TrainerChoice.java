package tomo.workers.temporal;

import java.time.Duration;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.SyntheticTrainer;

/** Which {@link CellTrainer} a training worker runs. */
public enum TrainerChoice {
  /**
   * Deterministic learning curves without a model, for orchestration benchmarks and fault drills.
   */
  synthetic;

  /** The trainer; {@code epochPause} is the wall time of one synthetic epoch. */
  public CellTrainer create(Duration epochPause) {
    return switch (this) {
      case synthetic -> new SyntheticTrainer(epochPause);
    };
  }

  /** The id the trainer stamps into content hashes (the report collects results by it). */
  public String trainerId() {
    return create(Duration.ZERO).id();
  }
}
