package tomo.activities.airflow;

import java.util.Locale;

/**
 * One run of a DAG as Airflow reports it.
 *
 * @param dagId the DAG
 * @param runId Airflow's run id ({@code dag_run_id})
 * @param state Airflow's state, lower case: queued, running, success, failed
 * @param logicalDate the run's logical date, or null (Airflow 3 runs triggered without one)
 */
public record DagRun(String dagId, String runId, String state, String logicalDate) {
  public DagRun {
    state = state == null ? "" : state.toLowerCase(Locale.ROOT);
  }

  /** True once the run can no longer change by itself: success or failed. */
  public boolean finished() {
    return succeeded() || "failed".equals(state);
  }

  /** True when the run ended successfully. */
  public boolean succeeded() {
    return "success".equals(state);
  }
}
