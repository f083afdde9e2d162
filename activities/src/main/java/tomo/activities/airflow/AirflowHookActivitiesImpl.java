package tomo.activities.airflow;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.hooks.AirflowHookOptions;
import tomo.workflows.hooks.DagHookRequest;
import tomo.workflows.hooks.DagRunOutcome;

/**
 * Runs a sweep's Airflow hook DAG through {@link AirflowClient}. Airflow's errors become Temporal
 * failures: bad credentials, an unknown DAG, a rejected request and a failed run are non-retryable
 * (with Airflow's state and run id in the message); Airflow being down is retryable, so Temporal
 * retries with the backoff of {@link AirflowHookOptions#activityOptions(Duration)}.
 */
public final class AirflowHookActivitiesImpl implements AirflowHookActivities {
  private static final Logger log = LoggerFactory.getLogger(AirflowHookActivitiesImpl.class);

  private final AirflowClient client;
  private final Duration firstPoll;
  private final Duration maxPoll;

  /** Polls after 2 s, backing off to 15 s between polls (well inside the heartbeat timeout). */
  public AirflowHookActivitiesImpl(AirflowClient client) {
    this(client, Duration.ofSeconds(2), Duration.ofSeconds(15));
  }

  public AirflowHookActivitiesImpl(AirflowClient client, Duration firstPoll, Duration maxPoll) {
    this.client = client;
    this.firstPoll = firstPoll;
    this.maxPoll = maxPoll;
  }

  @Override
  public DagRunOutcome runDag(DagHookRequest request) {
    try {
      return run(request, heartbeat());
    } catch (AirflowException e) {
      throw toFailure(e);
    }
  }

  private DagRunOutcome run(DagHookRequest request, Consumer<DagRun> onPoll) {
    String dagId = request.dagId();
    if (request.unpauseIfPaused() && client.isPaused(dagId)) {
      log.warn(
          "Airflow DAG {} is paused; unpausing it so the {} hook can run",
          dagId,
          request.phase().wireName());
      client.unpauseDag(dagId);
    }
    DagRun run;
    try {
      run = client.triggerDagRun(dagId, request.runId(), request.conf());
    } catch (AirflowRequestException e) {
      if (e.status() != 409) {
        throw e;
      }
      // this sweep's hook run exists: an earlier attempt started it; wait for it, or re-run
      // its failed tasks when a retried sweep comes back to a failed hook
      run = client.getDagRun(dagId, request.runId());
      log.info("attached to existing Airflow DAG run {}/{} ({})", dagId, run.runId(), run.state());
      if ("failed".equals(run.state())) {
        client.clearFailedTasks(dagId, run.runId());
      }
    }
    WaitPolicy policy =
        new WaitPolicy(firstPoll, maxPoll, 1.5, Duration.ofSeconds(request.waitTimeoutSeconds()));
    DagRun done = client.waitForDagRun(dagId, run.runId(), policy, onPoll);
    return new DagRunOutcome(done.dagId(), done.runId(), done.state());
  }

  private static Consumer<DagRun> heartbeat() {
    return r -> Activity.getExecutionContext().heartbeat(r.state());
  }

  /** The Temporal failure for an Airflow error; retryable only when Airflow may come back. */
  static ApplicationFailure toFailure(AirflowException e) {
    String type;
    if (e instanceof AirflowAuthenticationException) {
      type = AirflowHookOptions.BAD_CREDENTIALS;
    } else if (e instanceof AirflowNotFoundException) {
      type = AirflowHookOptions.DAG_NOT_FOUND;
    } else if (e instanceof DagRunFailedException) {
      type = AirflowHookOptions.DAG_RUN_FAILED;
    } else if (e instanceof AirflowRequestException) {
      type = AirflowHookOptions.REQUEST_REJECTED;
    } else {
      type = AirflowHookOptions.UNAVAILABLE;
    }
    return e.retryable()
        ? ApplicationFailure.newFailureWithCause(e.getMessage(), type, e)
        : ApplicationFailure.newNonRetryableFailureWithCause(e.getMessage(), type, e);
  }
}
