package tomo.workflows.activity;

import io.temporal.activity.ActivityInterface;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.SweepSpec;

/**
 * Aggregates a sweep's trainings (read from the artifact store: a 100,000-cell sweep does not fit
 * in one activity payload) and renders heatmaps and tables.
 */
@ActivityInterface
public interface ReportActivities {
  /** Collects the outcome of every training of the spec into the sweep's report directory. */
  ReportSummary aggregate(String sweepId, SweepSpec spec, PreparedDataset data);

  /** Renders heatmaps and Table 1 from what {@link #aggregate} collected. */
  ReportSummary render(String sweepId, SweepSpec spec, ReportSummary aggregated);
}
