package tomo.activities.orchestration;

import com.fasterxml.jackson.core.type.TypeReference;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.report.MaskedBaseline;
import tomo.activities.report.NotRunCsv;
import tomo.activities.report.PerCellAggregation;
import tomo.activities.report.ReportCriteria;
import tomo.activities.report.ReportDetails;
import tomo.activities.report.ReportDetailsStore;
import tomo.activities.report.ReportFiles;
import tomo.activities.report.ReportTraining;
import tomo.activities.report.ReportWriter;
import tomo.activities.report.SweepAggregator;
import tomo.activities.report.SweepReport;
import tomo.activities.report.TrainingProvenance;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.RunProvenance;
import tomo.activities.store.StartWeights;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.TrainerIds;
import tomo.materials.io.AtomicFiles;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

/**
 * Collects a sweep's outcomes from the artifact store (by the content hash of every training the
 * spec implies) and has the report package render them: the statistics from {@link SweepAggregator}
 * (or {@link PerCellAggregation} for per-cell baselines), the curves and provenance from {@link
 * ReportDetailsStore}, the files from {@link ReportWriter}.
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
    ArtifactStore store = new ArtifactStore(Path.of(spec.runtime().artifactDir()));
    String trainerId = TrainerIds.of(spec.training().trainer());
    List<ReportTraining> outcomes = new ArrayList<>();
    List<MaskedBaseline> masked = new ArrayList<>();
    int missing = 0;
    int seen = 0;
    // a fine-tuned cell pairs with its control only when both started from the same weights
    Map<String, String> controlStarts = new HashMap<>();
    int otherStarts = 0;
    for (TrainingRequest request : plan(store, sweepId, spec, data)) {
      if (request.isPretrain()) {
        continue; // a fine-tuned sweep's cells are compared with the control, not with this
      }
      Optional<StoredTraining> stored = store.find(ContentHash.of(request, trainerId));
      if (stored.isPresent() && request.isFinetune()) {
        String group = request.target() + "|" + request.representation() + "|" + request.seed();
        String start =
            stored
                .get()
                .provenance()
                .flatMap(RunProvenance::start)
                .map(StartWeights::sha256)
                .orElse(null);
        if (request.isBaseline()) {
          controlStarts.put(group, String.valueOf(start));
        } else if (!String.valueOf(start).equals(controlStarts.get(group))) {
          log.warn(
              "sweep {}: {} started from weights {}, its control from {}: not compared (the"
                  + " baseline's weights were trained again in between; retry the cell)",
              sweepId,
              request.cell().label(),
              start,
              controlStarts.get(group));
          otherStarts++;
          missing++;
          continue;
        }
      }
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
      AtomicFiles.write(file, ArtifactStore.json().writeValueAsBytes(outcomes));
      if (spec.grid().moreSeeds() != null) {
        // every adaptive decision, cell by cell: which seeds each cell got, and why
        Path decisions = dir.resolve(AdaptiveSeeds.CSV);
        AtomicFiles.write(
            decisions, AdaptiveSeeds.csv(store, sweepId).getBytes(StandardCharsets.UTF_8));
        files.add(decisions.toString());
      }
      if (!spec.data().unavailable().isEmpty()) {
        Path notRun = dir.resolve(NOT_RUN);
        AtomicFiles.write(notRun, NotRunCsv.of(spec).getBytes(StandardCharsets.UTF_8));
        files.add(notRun.toString());
      }
      if (TrainingPlan.baselineMode(spec, data) == BaselineMode.PER_CELL) {
        AtomicFiles.write(
            dir.resolve(PER_CELL_BASELINES), ArtifactStore.json().writeValueAsBytes(masked));
      } else {
        Files.deleteIfExists(dir.resolve(PER_CELL_BASELINES)); // render pairs by its presence
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    if (data.warnings().skippedRowsFile() != null) {
      files.add(copySkippedRows(sweepId, data, dir).toString());
    }
    log.info(
        "sweep {}: {} outcomes of trainer {} collected, {} missing ({} fine-tuned from other"
            + " weights than their control)",
        sweepId,
        outcomes.size(),
        trainerId,
        missing,
        otherStarts);
    return new ReportSummary(dir.toString(), outcomes.size(), missing, files);
  }

  /** The rows the sweep skipped (skipBadRows), listed beside the report they shaped. */
  private static Path copySkippedRows(String sweepId, PreparedDataset data, Path dir) {
    Path from = Path.of(data.warnings().skippedRowsFile());
    Path to = dir.resolve(PrepareActivitiesImpl.SKIPPED_ROWS);
    try {
      AtomicFiles.write(to, Files.readAllBytes(from));
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

  /**
   * Every training of the sweep: its plan, and the cells adaptive rounds added with the baselines
   * of their seeds, each once.
   */
  private static List<TrainingRequest> plan(
      ArtifactStore store, String sweepId, SweepSpec spec, PreparedDataset data) {
    List<CellKey> added = AdaptiveSeeds.added(store, sweepId);
    if (added.isEmpty()) {
      return TrainingPlan.all(spec, data);
    }
    Set<TrainingRequest> all = new LinkedHashSet<>(TrainingPlan.all(spec, data));
    for (CellKey cell : added) {
      if (spec.training().protocol() == Protocol.FINETUNE) {
        all.add(TrainingPlan.pretrain(spec, data, cell.baseline()));
      }
      all.add(TrainingPlan.baseline(spec, data, cell));
      all.add(TrainingPlan.request(spec, data, cell));
    }
    return List.copyOf(all);
  }

  @Override
  public List<CellKey> moreSeeds(
      String sweepId,
      SweepSpec spec,
      PreparedDataset data,
      String target,
      Representation representation,
      int round) {
    List<CellKey> cells =
        AdaptiveSeeds.decide(
            new ArtifactStore(Path.of(spec.runtime().artifactDir())),
            TrainerIds.of(spec.training().trainer()),
            sweepId,
            spec,
            data,
            target,
            representation,
            round);
    log.info(
        "sweep {}: adaptive round {} of {}/{}: {} open cell(s) get a seed",
        sweepId,
        round,
        target,
        representation,
        cells.size());
    return cells;
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
    // per-cell baselines were collected when the spec or its data asked for them
    boolean perCell = Files.exists(dir.resolve(PER_CELL_BASELINES));
    List<MaskedBaseline> masked = perCell ? maskedBaselines(dir) : List.of();
    // A sweep started before specs named a rule has none in its history: the default.
    ReportCriteria criteria =
        ReportCriteria.ofSpec(
            Objects.requireNonNullElse(spec.training().rule(), SignificanceRule.DEFAULT),
            spec.grid().seeds());
    ArtifactStore store = new ArtifactStore(Path.of(spec.runtime().artifactDir()));
    // seeds adaptive rounds added to single cells: those cells must hold them too
    Map<String, List<Integer>> added =
        AdaptiveSeeds.addedSeedsByCell(AdaptiveSeeds.added(store, sweepId));
    SweepReport report =
        perCell
            ? PerCellAggregation.aggregate(
                spec.grid().cellProperties(), masked, outcomes, criteria, added)
            : new SweepAggregator(spec.grid().cellProperties(), criteria, added)
                .aggregateTrainings(outcomes);
    List<TrainingOutcome> trained =
        new ArrayList<>(outcomes.stream().map(ReportTraining::outcome).toList());
    masked.forEach(m -> trained.add(m.baseline().outcome()));
    ReportDetails details = ReportDetailsStore.read(store, trained);
    ReportFiles files = new ReportWriter().write(report, details, dir);
    List<String> all = new ArrayList<>(aggregated.files());
    files.all().forEach(p -> all.add(p.toString()));
    return new ReportSummary(dir.toString(), aggregated.outcomes(), aggregated.missing(), all);
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
}
