/**
 * The report room: a sweep's trainings turned into the paper's statistics and rendered, with no
 * Temporal type, for both of its users: the report activity ({@code
 * tomo.activities.orchestration.ReportActivitiesImpl}) and the command line ({@code tomo report
 * --trainings}, {@code tomo compare}, the demo).
 *
 * <p>Statistics: {@link tomo.activities.report.SweepAggregator} (or {@link
 * tomo.activities.report.PerCellAggregation} for per-cell baselines) turns trainings into per-cell
 * statistics, a {@link tomo.activities.report.SweepReport} with its quality gates ({@link
 * tomo.activities.report.ReportChecks}) and its criteria ({@link
 * tomo.activities.report.ReportCriteria}). Representations are {@link
 * tomo.workflows.model.Representation} throughout; files are read into it at the edge ({@link
 * tomo.activities.report.TrainingsCsvReader}, {@link tomo.activities.report.ReportDetailsCsv},
 * {@link tomo.activities.report.Table1File}), naming the file, line or field of a bad one.
 *
 * <p>Rendering: {@link tomo.activities.report.ReportWriter}, the one entry point, writes the
 * paper's heatmaps (PNG, SVG), Table 1 (Markdown, CSV, JSON, all from one {@link
 * tomo.activities.report.Table1Layout}), the cell and training CSVs and one self-contained {@code
 * report.html} with the learning curves and provenance ({@link
 * tomo.activities.report.ReportDetails}, read from the store by {@link
 * tomo.activities.report.ReportDetailsStore} or from earlier reports by {@link
 * tomo.activities.report.ReportDetailsCsv}). Renderers share helpers only downwards: numbers and
 * text through {@link tomo.activities.report.ReportFormat}, colours through {@link
 * tomo.activities.report.DivergingPaintScale}; no renderer imports another.
 *
 * <p>{@link tomo.activities.report.OfflineReport} renders again from earlier reports' {@code
 * trainings.csv}; {@link tomo.activities.report.Table1Comparison} compares two Table 1s. Imports
 * tomo.workflows.model, tomo.activities.store, tomo.materials.io, JFreeChart and JFreeSVG, FastCSV,
 * Jackson and Commons Statistics.
 */
package tomo.activities.report;
