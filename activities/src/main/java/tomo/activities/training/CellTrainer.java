package tomo.activities.training;

import java.nio.file.Path;
import tomo.workflows.model.TrainingRequest;

/** The seam between the training activity and a model: trains one request. */
public interface CellTrainer {
  /** Identifies the trainer and its version; part of every content hash it produces. */
  String id();

  /**
   * Trains, checkpointing into {@code checkpointDir} after every epoch and resuming from the last
   * checkpoint found there.
   *
   * @throws BadInputException when the input cannot be trained on (not retryable)
   */
  TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
      throws BadInputException, InterruptedException;
}
