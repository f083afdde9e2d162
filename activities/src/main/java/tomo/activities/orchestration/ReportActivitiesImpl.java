package tomo.activities.orchestration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.report.ReportFiles;
import tomo.activities.report.ReportWriter;
import tomo.activities.report.SweepAggregator;
import tomo.activities.report.SweepReport;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.StoredTraining;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

/**
 * Collects a sweep's outcomes from the artifact store (by the content hash of every training the
 * spec implies) and renders the report with {@link SweepAggregator} and {@link ReportWriter}.
 */
public final class ReportActivitiesImpl implements ReportActivities {
  /** File of the collected outcomes inside a sweep's report directory. */
  public static final String OUTCOMES = "outcomes.json";

  private static final Logger log = LoggerFactory.getLogger(ReportActivitiesImpl.class);

  private final String trainerId;
  private final boolean renderHeatmaps;

  /**
   * @param trainerId the id of the trainer whose results to collect (part of the content hash)
   * @param renderHeatmaps false for scale runs, where only the collection is of interest
   */
  public ReportActivitiesImpl(String trainerId, boolean renderHeatmaps) {
    this.trainerId = trainerId;
    this.renderHeatmaps = renderHeatmaps;
  }

  @Override
  public ReportSummary aggregate(String sweepId, SweepSpec spec, PreparedDataset data) {
    ArtifactStore store = new ArtifactStore(Path.of(spec.artifactDir()));
    List<TrainingOutcome> outcomes = new ArrayList<>();
    int missing = 0;
    int seen = 0;
    for (TrainingRequest request : TrainingPlan.all(spec, data)) {
      Optional<StoredTraining> stored = store.find(ContentHash.of(request, trainerId));
      if (stored.isPresent()) {
        outcomes.add(stored.get().outcome());
      } else {
        missing++;
      }
      if (++seen % 10_000 == 0) {
        Activity.getExecutionContext().heartbeat(seen);
      }
    }
    Path dir = store.reportDir(sweepId);
    Path file = dir.resolve(OUTCOMES);
    try {
      ArtifactStore.writeAtomically(file, ArtifactStore.json().writeValueAsBytes(outcomes));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    log.info("sweep {}: {} outcomes collected, {} missing", sweepId, outcomes.size(), missing);
    return new ReportSummary(dir.toString(), outcomes.size(), missing, List.of(file.toString()));
  }

  @Override
  public ReportSummary render(String sweepId, SweepSpec spec, ReportSummary aggregated) {
    Path dir = Path.of(aggregated.dir());
    if (!renderHeatmaps) {
      return aggregated;
    }
    List<TrainingOutcome> outcomes;
    try {
      outcomes =
          ArtifactStore.json()
              .readValue(
                  dir.resolve(OUTCOMES).toFile(), new TypeReference<List<TrainingOutcome>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(OUTCOMES), e);
    }
    SweepReport report = new SweepAggregator(spec.properties()).aggregate(outcomes);
    ReportFiles files = new ReportWriter().write(report, dir);
    List<String> all = new ArrayList<>(aggregated.files());
    files.all().forEach(p -> all.add(p.toString()));
    return new ReportSummary(dir.toString(), aggregated.outcomes(), aggregated.missing(), all);
  }

  /** The outcomes file of a rendered or aggregated sweep. */
  public static Path outcomesFile(Path reportDir) {
    return reportDir.resolve(OUTCOMES);
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
