package tomo.workflows.hooks;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Failure types and activity options of {@link AirflowHookActivities}. */
public final class AirflowHookOptions {
  /** Airflow refused the credentials. Not retried. */
  public static final String BAD_CREDENTIALS = "AirflowBadCredentials";

  /** The DAG does not exist on the Airflow server. Not retried. */
  public static final String DAG_NOT_FOUND = "AirflowDagNotFound";

  /** Airflow rejected the request as invalid. Not retried. */
  public static final String REQUEST_REJECTED = "AirflowRequestRejected";

  /** The DAG run ended in a state other than success. Not retried. */
  public static final String DAG_RUN_FAILED = "AirflowDagRunFailed";

  /** Airflow could not be reached or answered 5xx/429. Retried with backoff. */
  public static final String UNAVAILABLE = "AirflowUnavailable";

  /** How often the activity heartbeats at least while it waits for a DAG run. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);

  private AirflowHookOptions() {}

  /**
   * Options for a hook activity stub: one attempt may wait {@code waitTimeout} for the run; Airflow
   * being down is retried with exponential backoff (5 s doubling to 2 min, 20 attempts); the
   * non-retryable types above are never retried.
   */
  public static ActivityOptions activityOptions(Duration waitTimeout) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(waitTimeout.plus(Duration.ofMinutes(5)))
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(5))
                .setBackoffCoefficient(2)
                .setMaximumInterval(Duration.ofMinutes(2))
                .setMaximumAttempts(20)
                .setDoNotRetry(BAD_CREDENTIALS, DAG_NOT_FOUND, REQUEST_REJECTED, DAG_RUN_FAILED)
                .build())
        .build();
  }
}
