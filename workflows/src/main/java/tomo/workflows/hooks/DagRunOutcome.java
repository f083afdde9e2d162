package tomo.workflows.hooks;

/**
 * How a hook's DAG run ended.
 *
 * @param dagId the DAG
 * @param runId Airflow's run id
 * @param state Airflow's final state (success)
 */
public record DagRunOutcome(String dagId, String runId, String state) {}
