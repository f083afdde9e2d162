package tomo.activities.orchestration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.report.CellSummary;
import tomo.activities.report.LearningCurve;
import tomo.activities.report.MissingPair;
import tomo.activities.report.PairedTraining;
import tomo.activities.report.ProvenanceSummary;
import tomo.activities.report.ReportDetails;
import tomo.activities.report.ReportFiles;
import tomo.activities.report.ReportTraining;
import tomo.activities.report.ReportWriter;
import tomo.activities.report.SweepAggregator;
import tomo.activities.report.SweepReport;
import tomo.activities.report.TrainingProvenance;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.TrainerIds;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.model.UnavailableName;
import tomo.workflows.sweep.TrainingPlan;

/**
 * Collects a sweep's outcomes from the artifact store (by the content hash of every training the
 * spec implies) and renders the report with {@link SweepAggregator} and {@link ReportWriter}.
 */
public final class ReportActivitiesImpl implements ReportActivities {
  /**
   * File of the collected outcomes inside a sweep's report directory, each with its provenance
   * (trainer, dataset, epochs, trivial-predictor error) for the report's gates and banner.
   */
  public static final String OUTCOMES = "outcomes.json";

  /** Cells not run because the dataset lacks their target or property (CSV, with the reason). */
  public static final String NOT_RUN = "not-run.csv";

  /** Per-cell baselines (per-cell mode), each with the property it was trained for. */
  public static final String PER_CELL_BASELINES = "per-cell-baselines.json";

  /** A per-cell baseline: trained for {@code property}, which it did not see. */
  public record MaskedBaseline(String property, ReportTraining baseline) {}

  private static final Logger log = LoggerFactory.getLogger(ReportActivitiesImpl.class);

  private final boolean renderHeatmaps;

  /**
   * Collects the results of the trainer each sweep's spec names.
   *
   * @param renderHeatmaps false for scale runs, where only the collection is of interest
   */
  public ReportActivitiesImpl(boolean renderHeatmaps) {
    this.renderHeatmaps = renderHeatmaps;
  }

  @Override
  public ReportSummary aggregate(String sweepId, SweepSpec spec, PreparedDataset data) {
    ArtifactStore store = new ArtifactStore(Path.of(spec.artifactDir()));
    String trainerId = TrainerIds.of(spec.trainer());
    List<ReportTraining> outcomes = new ArrayList<>();
    List<MaskedBaseline> masked = new ArrayList<>();
    int missing = 0;
    int seen = 0;
    for (TrainingRequest request : TrainingPlan.all(spec, data)) {
      Optional<StoredTraining> stored = store.find(ContentHash.of(request, trainerId));
      if (stored.isPresent() && request.maskedProperty() != null) {
        masked.add(new MaskedBaseline(request.maskedProperty(), reportTraining(stored.get())));
      } else if (stored.isPresent()) {
        outcomes.add(reportTraining(stored.get()));
      } else {
        missing++;
      }
      if (++seen % 10_000 == 0) {
        Activity.getExecutionContext().heartbeat(seen);
      }
    }
    Path dir = store.reportDir(sweepId);
    Path file = dir.resolve(OUTCOMES);
    List<String> files = new ArrayList<>(List.of(file.toString()));
    try {
      ArtifactStore.writeAtomically(file, ArtifactStore.json().writeValueAsBytes(outcomes));
      if (!spec.unavailableOrNone().isEmpty()) {
        Path notRun = dir.resolve(NOT_RUN);
        ArtifactStore.writeAtomically(notRun, notRunCsv(spec).getBytes(StandardCharsets.UTF_8));
        files.add(notRun.toString());
      }
      if (spec.baseline() == BaselineMode.PER_CELL) {
        ArtifactStore.writeAtomically(
            dir.resolve(PER_CELL_BASELINES), ArtifactStore.json().writeValueAsBytes(masked));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    if (data.warnings().skippedRowsFile() != null) {
      files.add(copySkippedRows(sweepId, data, dir).toString());
    }
    log.info(
        "sweep {}: {} outcomes of trainer {} collected, {} missing",
        sweepId,
        outcomes.size(),
        trainerId,
        missing);
    return new ReportSummary(dir.toString(), outcomes.size(), missing, files);
  }

  /**
   * The cells left out because the dataset lacks their target or property ({@code skipMissing}),
   * one line each with the reason.
   */
  static String notRunCsv(SweepSpec spec) {
    StringBuilder csv = new StringBuilder("target,property,representation,seed,reason\n");
    // a left-out target lists its cells with every property, left-out ones included, so a cell
    // whose target and property are both missing appears once
    List<String> allProperties = new ArrayList<>(spec.properties());
    spec.unavailableOrNone().stream()
        .filter(u -> u.field().equals("properties"))
        .forEach(u -> allProperties.add(u.name()));
    for (UnavailableName u : spec.unavailableOrNone()) {
      boolean target = u.field().equals("targets");
      List<String> targets = target ? List.of(u.name()) : spec.targets();
      List<String> properties = target ? allProperties : List.of(u.name());
      for (String t : targets) {
        for (String p : properties) {
          for (Representation r : spec.representations()) {
            for (int seed : spec.seeds()) {
              csv.append(
                      String.join(",", t, p, r.label(), Integer.toString(seed), quoted(u.reason())))
                  .append('\n');
            }
          }
        }
      }
    }
    return csv.toString();
  }

  private static String quoted(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /** The rows the sweep skipped (skipBadRows), listed beside the report they shaped. */
  private static Path copySkippedRows(String sweepId, PreparedDataset data, Path dir) {
    Path from = Path.of(data.warnings().skippedRowsFile());
    Path to = dir.resolve(PrepareActivitiesImpl.SKIPPED_ROWS);
    try {
      ArtifactStore.writeAtomically(to, Files.readAllBytes(from));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot copy the skipped rows " + from + " to " + to + ": " + e.getMessage(), e);
    }
    log.warn(
        "sweep {}: {} bad dataset row(s) were skipped, listed in {}",
        sweepId,
        data.warnings().skippedRows(),
        to);
    return to;
  }

  @Override
  public ReportSummary render(String sweepId, SweepSpec spec, ReportSummary aggregated) {
    Path dir = Path.of(aggregated.dir());
    if (!renderHeatmaps) {
      return aggregated;
    }
    List<ReportTraining> outcomes;
    try {
      outcomes =
          ArtifactStore.json()
              .readValue(
                  dir.resolve(OUTCOMES).toFile(), new TypeReference<List<ReportTraining>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(OUTCOMES), e);
    }
    SweepReport report =
        spec.baseline() == BaselineMode.PER_CELL
            ? perCell(spec, outcomes, dir)
            : new SweepAggregator(spec.properties()).aggregateTrainings(outcomes);
    List<TrainingOutcome> trained =
        new ArrayList<>(outcomes.stream().map(ReportTraining::outcome).toList());
    if (spec.baseline() == BaselineMode.PER_CELL) {
      maskedBaselines(dir).forEach(m -> trained.add(m.baseline().outcome()));
    }
    ReportDetails details = details(new ArtifactStore(Path.of(spec.artifactDir())), trained);
    ReportFiles files = new ReportWriter().write(report, details, dir);
    List<String> all = new ArrayList<>(aggregated.files());
    files.all().forEach(p -> all.add(p.toString()));
    return new ReportSummary(dir.toString(), aggregated.outcomes(), aggregated.missing(), all);
  }

  /**
   * The paper's literal protocol: each augmented training is compared with the baseline trained for
   * its own property. The aggregator pairs by (target, representation, seed), so it sees one
   * property at a time; the per-property reports are then joined.
   */
  private static SweepReport perCell(SweepSpec spec, List<ReportTraining> augmented, Path dir) {
    List<MaskedBaseline> masked = maskedBaselines(dir);
    List<String> targets = new ArrayList<>();
    List<String> representations = new ArrayList<>();
    List<TrainingOutcome> trainings = new ArrayList<>();
    List<PairedTraining> pairs = new ArrayList<>();
    List<CellSummary> cells = new ArrayList<>();
    List<MissingPair> missing = new ArrayList<>();
    List<TrainingProvenance> provenance = new ArrayList<>();
    List<CellSummary> diagonal = new ArrayList<>();
    SweepAggregator aggregator = new SweepAggregator(spec.properties());
    for (String property : spec.properties()) {
      List<ReportTraining> part = new ArrayList<>();
      masked.stream()
          .filter(m -> m.property().equals(property))
          .forEach(m -> part.add(m.baseline()));
      augmented.stream().filter(o -> property.equals(o.outcome().property())).forEach(part::add);
      if (part.isEmpty()) {
        continue;
      }
      SweepReport r = aggregator.aggregateTrainings(part);
      r.targets().stream().filter(t -> !targets.contains(t)).forEach(targets::add);
      r.representations().stream()
          .filter(x -> !representations.contains(x))
          .forEach(representations::add);
      trainings.addAll(r.trainings());
      pairs.addAll(r.pairs());
      cells.addAll(r.cells());
      missing.addAll(r.missing());
      provenance.addAll(r.provenance());
      diagonal.addAll(r.diagonal());
    }
    List<String> properties =
        spec.properties().stream()
            .filter(p -> cells.stream().anyMatch(c -> c.property().equals(p)))
            .toList();
    // The joined report refuses mixed trainers or datasets across properties too.
    return new SweepReport(
        targets,
        properties,
        representations,
        trainings,
        pairs,
        cells,
        missing,
        provenance,
        diagonal);
  }

  private static ReportTraining reportTraining(StoredTraining stored) {
    return new ReportTraining(stored.outcome(), TrainingProvenance.of(stored));
  }

  private static List<MaskedBaseline> maskedBaselines(Path dir) {
    try {
      return ArtifactStore.json()
          .readValue(
              dir.resolve(PER_CELL_BASELINES).toFile(),
              new TypeReference<List<MaskedBaseline>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(PER_CELL_BASELINES), e);
    }
  }

  /**
   * The learning curves and provenance of the trainings, from their result files in the store. A
   * file that cannot be read costs its curve and provenance, not the report, and is named in a
   * warning.
   */
  static ReportDetails details(ArtifactStore store, List<TrainingOutcome> trainings) {
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

  /** The outcomes file of a rendered or aggregated sweep. */
  public static Path outcomesFile(Path reportDir) {
    return reportDir.resolve(OUTCOMES);
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
