package tomo.workers.temporal;

import java.time.Duration;
import java.util.OptionalInt;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.CgcnnCellTrainer;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.PreparationListener;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainerIds;
import tomo.activities.training.TrainingLayout;
import tomo.workflows.model.TrainerKind;

/**
 * Which {@link CellTrainer} a training worker runs; the names are those a sweep spec's {@code
 * trainer} field takes.
 */
public enum TrainerChoice {
  /** CGCNN on DJL/PyTorch: real trainings. */
  cgcnn,
  /**
   * Deterministic learning curves without a model, for orchestration benchmarks and fault drills.
   */
  synthetic;

  /**
   * The trainer.
   *
   * @param epochPause wall time of one synthetic epoch
   * @param concurrentTrainings trainings this process runs at once (they share the cores)
   */
  public CellTrainer create(Duration epochPause, int concurrentTrainings) {
    return create(epochPause, concurrentTrainings, PreparationListener.NONE);
  }

  /** The same, telling {@code preparation} how long the trainer's input preparation took. */
  public CellTrainer create(
      Duration epochPause, int concurrentTrainings, PreparationListener preparation) {
    return create(
        epochPause,
        TrainingLayout.plan(
            DeviceInventory.local(),
            Concurrency.of(Math.max(1, concurrentTrainings)),
            OptionalInt.empty(),
            GpuSelection.NONE),
        preparation);
  }

  /**
   * The trainer for a worker laid out as {@code layout} (K trainings at once, each with its device
   * and threads); the synthetic trainer uses no device.
   */
  public CellTrainer create(
      Duration epochPause, TrainingLayout layout, PreparationListener preparation) {
    return switch (this) {
      case cgcnn -> new CgcnnCellTrainer(layout, preparation);
      case synthetic -> new SyntheticTrainer(epochPause);
    };
  }

  /** The kind of trainer, as sweep specs and training requests name it. */
  public TrainerKind kind() {
    return switch (this) {
      case cgcnn -> TrainerKind.CGCNN;
      case synthetic -> TrainerKind.SYNTHETIC;
    };
  }

  /** The id the trainer stamps into content hashes (the report collects results by it). */
  public String trainerId() {
    return TrainerIds.of(kind());
  }
}
