package tomo.workflows.sweep;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.SweepSpec;

/** Timeouts and retries of sweep activities, in one place. */
final class TrainingOptions {
  private TrainingOptions() {}

  /**
   * Trainings: a heartbeat timeout of seconds notices a dead worker quickly; transient failures
   * retry with exponential backoff; bad input never retries.
   */
  static ActivityOptions training(SweepSpec spec) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(spec.runtime().trainingQueue())
        .setStartToCloseTimeout(Duration.ofHours(24))
        .setHeartbeatTimeout(Duration.ofSeconds(spec.runtime().heartbeatSeconds()))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(10)
                .setDoNotRetry(TrainingActivities.BAD_INPUT)
                .build())
        .build();
  }

  /** Dataset preparation and reports run on the orchestration queue. */
  static ActivityOptions orchestration(SweepSpec spec) {
    return ActivityOptions.newBuilder()
        .setTaskQueue(spec.runtime().orchestrationQueue())
        .setStartToCloseTimeout(Duration.ofHours(2))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(1))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(1))
                .setMaximumAttempts(5)
                .setDoNotRetry(TrainingActivities.BAD_INPUT)
                .build())
        .build();
  }
}
