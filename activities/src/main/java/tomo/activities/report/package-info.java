/**
 * A sweep's report, aggregated and rendered in one place for both callers: the report activity and
 * the offline {@code tomo report --trainings}. {@link tomo.activities.report.SweepAggregator} (or
 * {@link tomo.activities.report.PerCellAggregation} for per-cell baselines) turns trainings into
 * per-cell statistics; {@link tomo.activities.report.ReportWriter}, the one rendering entry point,
 * writes the paper's heatmaps, Table 1, CSVs and one self-contained {@code report.html} with the
 * learning curves and provenance ({@link tomo.activities.report.ReportDetails}, read from the store
 * by {@link tomo.activities.report.ReportDetailsStore} or from earlier reports by {@link
 * tomo.activities.report.ReportDetailsCsv}), with the quality gates every format warns about
 * ({@link tomo.activities.report.ReportChecks}); {@link tomo.activities.report.OfflineReport}
 * renders again from earlier reports' {@code trainings.csv}; {@link
 * tomo.activities.report.Table1Comparison} compares two Table 1s. Imports tomo.workflows.model,
 * tomo.activities.store, JFreeChart and JFreeSVG, FastCSV, Jackson and Commons Statistics; no
 * Temporal API, so it runs without a server.
 */
package tomo.activities.report;
