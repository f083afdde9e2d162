package tomo.workflows.activity;

import io.temporal.activity.ActivityInterface;
import tomo.workflows.model.TrainingReceipt;
import tomo.workflows.model.TrainingRequest;

/**
 * Trains one model. Memoized: a request whose result is in the artifact store returns it at once.
 * Heartbeats every epoch (epoch, best so far) and resumes from its last checkpoint when retried.
 * Bad input is an {@code ApplicationFailure} of type {@value #BAD_INPUT}, not retryable.
 */
@ActivityInterface
public interface TrainingActivities {
  /** Failure type of trainings that cannot succeed until their input is fixed. */
  String BAD_INPUT = "BadInput";

  /**
   * Failure type (not retryable) of a request for a trainer other than the one the worker runs: the
   * sweep's spec names its trainer, the worker's {@code --trainer} must match.
   */
  String WRONG_TRAINER = "WrongTrainer";

  TrainingReceipt train(TrainingRequest request);
}
