/**
 * The activities of the orchestration task queue: {@link
 * tomo.activities.orchestration.PrepareActivitiesImpl} (dataset read and checked, graph caches
 * built), {@link tomo.activities.orchestration.ReportActivitiesImpl} (outcomes collected from the
 * artifact store, the report rendered by tomo.activities.report) and {@link
 * tomo.activities.orchestration.SweepPreflight} (the checks a sweep passes before it starts). They
 * collect and delegate; no rendering here. Imports tomo.workflows, tomo.activities.report, .store
 * and .training, tomo.materials and Temporal's activity API.
 */
package tomo.activities.orchestration;
