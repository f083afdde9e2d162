package tomo.activities.report;

import java.util.List;

/**
 * What a report shows beside the statistics of {@link SweepReport}: the trainings' learning curves,
 * how they were made, and warnings for the reader.
 *
 * @param curves one per training whose curve is known, in no particular order
 * @param provenance dataset, trainer, devices and engine versions of the trainings
 * @param warnings sentences shown above everything else in the HTML report (e.g. trainings whose
 *     files could not be read)
 */
public record ReportDetails(
    List<LearningCurve> curves, ProvenanceSummary provenance, List<String> warnings) {

  public ReportDetails {
    curves = List.copyOf(curves);
    warnings = List.copyOf(warnings);
  }

  /** Nothing beyond the statistics: the HTML report then has no curves and no provenance. */
  public static ReportDetails none() {
    return new ReportDetails(List.of(), ProvenanceSummary.empty(), List.of());
  }
}
