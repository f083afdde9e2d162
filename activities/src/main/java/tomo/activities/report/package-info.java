/**
 * Aggregation of a sweep's trainings into per-cell statistics ({@link
 * tomo.activities.report.SweepAggregator}) and rendering of the paper's heatmaps and Table 1
 * ({@link tomo.activities.report.ReportWriter}).
 */
package tomo.activities.report;
