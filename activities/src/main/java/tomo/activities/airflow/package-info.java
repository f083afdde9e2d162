/**
 * The Airflow side of a sweep's hooks: a small typed client for Airflow's stable REST API (trigger,
 * poll with backoff, typed errors that say whether a retry can help) and {@link
 * tomo.activities.airflow.AirflowHookActivitiesImpl}, which turns its errors into the failure types
 * of tomo.workflows.hooks. Imports tomo.workflows.hooks, the JDK's HTTP client, Jackson, Temporal's
 * activity and failure APIs and SLF4J; no materials, no ML code.
 */
package tomo.activities.airflow;
