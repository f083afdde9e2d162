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

  TrainingReceipt train(TrainingRequest request);
}
