package tomo.workflows.hooks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Sweep hooks as a Temporal activity: run an Airflow DAG and wait for it to succeed. */
@ActivityInterface
public interface AirflowHookActivities {
  /**
   * Triggers {@code request.dagId()} with run id {@link DagHookRequest#runId()} (attaching to that
   * run if it already exists; a failed one has its failed tasks cleared) and waits until it
   * succeeds, heartbeating its state.
   *
   * @throws io.temporal.failure.ApplicationFailure non-retryable with type {@link
   *     AirflowHookOptions#BAD_CREDENTIALS}, {@link AirflowHookOptions#DAG_NOT_FOUND}, {@link
   *     AirflowHookOptions#REQUEST_REJECTED} or {@link AirflowHookOptions#DAG_RUN_FAILED};
   *     retryable with type {@link AirflowHookOptions#UNAVAILABLE} when Airflow cannot be reached
   */
  @ActivityMethod
  DagRunOutcome runDag(DagHookRequest request);
}
