/**
 * Airflow hooks of a sweep: an {@code on_start} DAG triggered and awaited before training (e.g. a
 * data-refresh pipeline) and an {@code on_complete} DAG triggered with the report paths.
 *
 * <p>{@code SweepWorkflowImpl} calls them when the spec's {@link SweepHooks} name DAGs, in this
 * shape (deterministic workflow code; the Airflow I/O is in the activity, on the orchestration task
 * queue):
 *
 * <pre>{@code
 * AirflowHookActivities hooks =
 *     Workflow.newActivityStub(
 *         AirflowHookActivities.class, AirflowHookOptions.activityOptions(Duration.ofHours(2)));
 * if (spec.hooks().onStartDag() != null) {
 *   hooks.runDag(DagHookRequest.onStart(sweepId, spec.hooks().onStartDag(), Map.of(), 7200));
 * }
 * ... train every cell, aggregate, render the report ...
 * if (spec.hooks().onCompleteDag() != null) {
 *   hooks.runDag(DagHookRequest.onComplete(sweepId, spec.hooks().onCompleteDag(),
 *       Map.of("report_dir", report.dir(), "table_md", report.tableMarkdown()), 7200));
 * }
 * }</pre>
 *
 * A failure of the activity (bad credentials, unknown DAG, a failed DAG run) arrives in the
 * workflow as an {@code ActivityFailure} whose cause is an {@code ApplicationFailure} with one of
 * the types in {@link AirflowHookOptions}; the workflow fails that step with its message.
 *
 * <p>Imports Temporal's activity and common APIs only; the Airflow client that does the I/O is
 * tomo.activities.airflow.
 */
package tomo.workflows.hooks;
