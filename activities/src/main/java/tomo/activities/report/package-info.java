/**
 * Aggregation of a sweep's trainings into per-cell statistics ({@link
 * tomo.activities.report.SweepAggregator}) and rendering of the paper's heatmaps and Table 1
 * ({@link tomo.activities.report.ReportWriter}), all of it with the learning curves and provenance
 * in one self-contained {@code report.html}.
 */
package tomo.activities.report;
