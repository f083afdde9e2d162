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

  /**
   * Hex SHA-256 of the data this trainer would train {@code request} on now. It differs from {@code
   * request.datasetSha256()} when the file changed since the sweep was prepared (fixed in place,
   * then retried): the result must then be stored under the data actually used. A trainer that
   * reads no dataset answers the request's hash.
   *
   * @throws BadInputException when the dataset cannot be read (not retryable)
   */
  default String datasetSha256(TrainingRequest request) throws BadInputException {
    return request.datasetSha256();
  }
}
