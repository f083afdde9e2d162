/**
 * Aggregation of a sweep's trainings into per-cell statistics ({@link
 * tomo.activities.report.SweepAggregator}) and rendering of the paper's heatmaps and Table 1
 * ({@link tomo.activities.report.ReportWriter}), with the quality gates every format warns about
 * ({@link tomo.activities.report.ReportChecks}), all of it with the learning curves and provenance
 * in one self-contained {@code report.html}; comparison of two Table 1s ({@link
 * tomo.activities.report.Table1Comparison}).
 */
package tomo.activities.report;
