package tomo.activities.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.StoredTraining;
import tomo.workflows.model.TrainingOutcome;

/**
 * The details of a sweep's report read from the artifact store, where the report activity finds
 * them; {@link ReportDetailsCsv} reads the same details back from an earlier report's files.
 */
public final class ReportDetailsStore {
  private static final Logger log = LoggerFactory.getLogger(ReportDetailsStore.class);

  private ReportDetailsStore() {}

  /**
   * The learning curves and provenance of the trainings, from their result files in the store. A
   * file that cannot be read costs its curve and provenance, not the report, and is named in a
   * warning.
   */
  public static ReportDetails read(ArtifactStore store, List<TrainingOutcome> trainings) {
    List<StoredTraining> stored = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (TrainingOutcome t : trainings) {
      if (t.artifactPath() == null || t.artifactPath().isBlank()) {
        unreadable.add(t.cellKey().label() + ": no result file recorded");
        continue;
      }
      Path file = store.root().resolve(t.artifactPath());
      try {
        stored.add(ArtifactStore.json().readValue(file.toFile(), StoredTraining.class));
      } catch (IOException e) {
        unreadable.add(file + ": " + e.getMessage());
      }
    }
    List<String> warnings = new ArrayList<>();
    if (!unreadable.isEmpty()) {
      log.warn(
          "{} training result files unreadable, first: {}", unreadable.size(), unreadable.get(0));
      warnings.add(
          unreadable.size()
              + " of "
              + trainings.size()
              + " trainings' result files could not be read, so their learning curves and"
              + " provenance are missing; first: "
              + unreadable.get(0));
    }
    long withoutCurve = stored.stream().filter(t -> t.history().isEmpty()).count();
    if (withoutCurve > 0) {
      warnings.add(
          withoutCurve
              + " of "
              + trainings.size()
              + " trainings recorded no learning curve (result files written before curves were"
              + " kept)");
    }
    return new ReportDetails(
        stored.stream().filter(t -> !t.history().isEmpty()).map(LearningCurve::of).toList(),
        ProvenanceSummary.of(stored),
        warnings);
  }
}
