package tomo.activities.report;

import tomo.workflows.model.TrainingOutcome;

/** One finished training as the report aggregates it: its outcome and how it was made. */
public record ReportTraining(TrainingOutcome outcome, TrainingProvenance provenance) {

  public ReportTraining {
    provenance = provenance == null ? TrainingProvenance.UNRECORDED : provenance;
  }
}
