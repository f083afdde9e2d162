package tomo.workflows.activity;

import io.temporal.activity.ActivityInterface;
import java.util.List;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;

/**
 * Aggregates a sweep's trainings (read from the artifact store: a 100,000-cell sweep does not fit
 * in one activity payload) and renders heatmaps and tables.
 */
@ActivityInterface
public interface ReportActivities {
  /** Collects the outcome of every training of the spec into the sweep's report directory. */
  ReportSummary aggregate(String sweepId, SweepSpec spec, PreparedDataset data);

  /**
   * Adaptive seeds ({@link tomo.workflows.model.MoreSeeds}): the cells of (target, representation)
   * that round {@code round} extends, each with the round's seed; empty when every cell is settled.
   * Decided once per round and kept in the artifact store: asked again, the same cells.
   */
  default List<CellKey> moreSeeds(
      String sweepId,
      SweepSpec spec,
      PreparedDataset data,
      String target,
      Representation representation,
      int round) {
    return List.of(); // an implementation that keeps no results settles every cell
  }

  /** Renders heatmaps and Table 1 from what {@link #aggregate} collected. */
  ReportSummary render(String sweepId, SweepSpec spec, ReportSummary aggregated);
}
