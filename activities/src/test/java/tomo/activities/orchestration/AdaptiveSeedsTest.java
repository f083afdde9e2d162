package tomo.activities.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.SyntheticTrainer;
import tomo.hyper.HyperParameters;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.DataWarnings;
import tomo.workflows.model.MoreSeeds;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainerKind;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

/**
 * Adaptive seeds decided from stored trainings: a settled cell gets no seed, an open one gets the
 * round's, a decision asked twice is the same decision (each seed added once), and the report's
 * plan holds the added trainings.
 */
class AdaptiveSeedsTest {
  @TempDir Path dir;

  private static final PreparedDataset DATA =
      new PreparedDataset("d.csv", "sha", 100, List.of(), DataWarnings.none());
  private static final Representation REP = Representation.COMPOSITION;

  private SweepSpec spec() {
    return SweepSpec.builder()
        .name("adaptive")
        .targets(List.of("band_gap"))
        .properties(List.of("decided", "open", "small"))
        .representations(List.of(REP))
        .seeds(List.of(0, 1, 2))
        .hyper(HyperParameters.paper(4))
        .nullControl("none")
        .moreSeeds(new MoreSeeds(5, 5.0))
        .artifactDir(dir.resolve("artifacts").toString())
        .trainer(TrainerKind.SYNTHETIC)
        .build()
        .normalized("adaptive");
  }

  /** Changes in % per seed of each cell: decided below 0, open (wide), small (inside ±5 %). */
  private static final Map<String, double[]> CHANGES =
      Map.of(
          "decided", new double[] {-10, -11, -12, -10},
          "open", new double[] {-6, +5, 0, -4},
          "small", new double[] {0.1, -0.1, 0.0, 0.0});

  private void store(ArtifactStore store, SweepSpec spec, int seed) {
    save(store, TrainingPlan.request(spec, DATA, new CellKey("band_gap", null, REP, seed)), 1.0);
    CHANGES.forEach(
        (property, changes) ->
            save(
                store,
                TrainingPlan.request(spec, DATA, new CellKey("band_gap", property, REP, seed)),
                1.0 + changes[seed] / 100));
  }

  private static void save(ArtifactStore store, TrainingRequest request, double test) {
    String hash = ContentHash.of(request, SyntheticTrainer.ID);
    TrainingOutcome outcome =
        new TrainingOutcome(
            request.target(),
            request.property(),
            request.representation(),
            request.seed(),
            "mae",
            test,
            4,
            "x");
    store.save(
        new StoredTraining(
            hash,
            SyntheticTrainer.ID,
            request,
            outcome,
            4,
            1.0,
            "now",
            Optional.empty(),
            List.of()));
  }

  @Test
  void onlyAnOpenCellGetsTheRoundsSeedAndOnlyOnce() throws Exception {
    SweepSpec spec = spec();
    ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"));
    for (int seed : spec.grid().seeds()) {
      store(store, spec, seed);
    }
    List<CellKey> round1 = decide(store, spec, 1);
    assertThat(round1).containsExactly(new CellKey("band_gap", "open", REP, 3));
    // asked again (a retried activity, a replayed workflow): the same, and no second seed
    assertThat(decide(store, spec, 1)).isEqualTo(round1);
    assertThat(AdaptiveSeeds.added(store, "s")).containsExactly(round1.get(0));
    String csv = AdaptiveSeeds.csv(store, "s");
    assertThat(csv.lines()).hasSize(1 + 3);
    assertThat(csv)
        .contains("1,3,band_gap,composition,decided,0 1 2,no,\"settled: the 95 % interval")
        .contains("lies below 0")
        .contains("1,3,band_gap,composition,open,0 1 2,yes,\"open: the 95 % interval")
        .contains("1,3,band_gap,composition,small,0 1 2,no,\"settled: the 95 % interval")
        .contains("lies within ±5 %");

    // round 2 judges the open cell only; its seed 3 is not trained yet: no seed for it
    List<CellKey> round2 = decide(store, spec, 2);
    assertThat(round2).isEmpty();
    assertThat(AdaptiveSeeds.csv(store, "s"))
        .contains("2,4,band_gap,composition,open,0 1 2 3,no,\"incomplete: seed 3");
    assertThatThrownBy(() -> decide(store, spec, 4)).hasMessageContaining("round 4 asked, 2");
  }

  @Test
  void aCellAtItsMostSeedsGetsNoMore() {
    SweepSpec spec =
        spec().toBuilder().moreSeeds(new MoreSeeds(4, 5.0)).build().normalized("adaptive");
    ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"));
    for (int seed = 0; seed <= 3; seed++) {
      store(store, spec, seed);
    }
    assertThat(decide(store, spec, 1)).containsExactly(new CellKey("band_gap", "open", REP, 3));
    assertThat(decide(store, spec, 2)).isEmpty();
    assertThat(AdaptiveSeeds.csv(store, "s"))
        .contains("2,4,band_gap,composition,open,0 1 2 3,no,\"has 4 seeds, the most asked\"");
    assertThat(spec.maxTrainingCount()).isEqualTo(4 * (1 + 3));
    assertThat(spec.trainingCount()).isEqualTo(3 * (1 + 3));
    assertThat(Files.exists(AdaptiveSeeds.file(store, "s", "band_gap", REP))).isTrue();
  }

  private static List<CellKey> decide(ArtifactStore store, SweepSpec spec, int round) {
    return AdaptiveSeeds.decide(
        store, SyntheticTrainer.ID, "s", spec, DATA, "band_gap", REP, round);
  }
}
