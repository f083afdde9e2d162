package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.EpochPoint;
import tomo.activities.store.RunProvenance;
import tomo.activities.store.StartWeights;
import tomo.activities.store.StoredTraining;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

/**
 * A real (tiny) sweep: CGCNN trainings on the shared dataset, orchestrated by the sweep workflows
 * on the embedded server, ending with the report.
 */
class CgcnnSweepTest {
  @TempDir Path dir;

  @Test
  void aTinyRealSweepTrainsCgcnnAndWritesTheReport() throws Exception {
    Path dataset = DatasetLocation.resolve(null);
    SweepSpec spec =
        SweepSpec.builder()
            .name("cgcnn")
            .dataset(dataset.toString())
            .targets(List.of("band_gap"))
            .properties(List.of("volume"))
            .representations(List.of(Representation.COMPOSITION))
            .seeds(List.of(0))
            .hyper(HyperParameters.builder().epochs(2).batchSize(64).build())
            .baseline(BaselineMode.SHARED)
            .limit(200)
            .artifactDir(dir.resolve("artifacts").toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(60)
            .build()
            .normalized("cgcnn");
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try (TomoWorkers workers = workers(client, 1)) {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("cgcnn", spec);
        SweepResult result = sweeps.await("cgcnn");
        assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
        // the baseline, volume and the null control (permuted band_gap)
        assertThat(result.done()).isEqualTo(3);
        assertThat(result.memoized()).isZero();
        Path report = Path.of(result.reportDir());
        assertThat(report.resolve("heatmap-composition.png")).exists();
        String trainings = Files.readString(report.resolve("trainings.csv"));
        assertThat(trainings).contains("band_gap").contains("volume");
        // real trainings: no synthetic banner, and the baseline is checked against the mean
        // predictor the trainer recorded
        assertThat(trainings)
            .contains(",cgcnn-v3,")
            .contains("," + spec.training().hyper().epochs() + ",");
        String table1 = Files.readString(report.resolve("table1.md"));
        assertThat(table1).startsWith("# Table 1").doesNotContain("SYNTHETIC");
        assertThat(table1)
            .containsPattern(
                "\\| band_gap \\| composition \\| mae [0-9.]+ \\| mean predictor [0-9.]+ \\| [0-9.]+ \\|")
            .contains("| ↳ null control (permuted band_gap) |");

        // every stored result says how it was trained
        Path stored = dir.resolve("artifacts").resolve("trainings");
        List<StoredTraining> results;
        try (Stream<Path> files = Files.walk(stored)) {
          results =
              files.filter(p -> p.toString().endsWith(".json")).map(CgcnnSweepTest::read).toList();
        }
        assertThat(results).hasSize(3);
        for (StoredTraining t : results) {
          RunProvenance made = t.provenance().orElseThrow();
          assertThat(made.environment().backend()).isEqualTo("CPU");
          assertThat(made.environment().device()).isEqualTo("cpu()");
          // one training at a time gets every core
          assertThat(made.environment().threads())
              .isEqualTo(Runtime.getRuntime().availableProcessors());
          assertThat(made.environment().libtorchVersion()).isEqualTo("2.5.1");
          assertThat(made.environment().allocator()).isIn("glibc", "tcmalloc", "jemalloc");
          assertThat(
                  List.of(
                      made.data().trainMaterials(),
                      made.data().validationMaterials(),
                      made.data().testMaterials()))
              .containsExactly(120, 40, 40);
          assertThat(made.data().graphSettings()).isNotBlank();
          assertThat(made.figures().referenceTestMetric()).isPositive();
          // and keeps its learning curve, every epoch
          assertThat(t.history()).extracting(EpochPoint::epoch).containsExactly(1, 2);
          assertThat(t.history())
              .allSatisfy(
                  p -> {
                    assertThat(p.trainLoss()).isPositive().isFinite();
                    assertThat(p.valMetric()).isPositive().isFinite();
                  });
        }
        // the HTML report draws both curves and says what trained them
        String html = Files.readString(report.resolve("report.html"));
        assertThat(html).contains("<polyline ", "<td>device</td><td>cpu() (3)</td>");

        // the same sweep again under a new id trains nothing: every result is memoized
        sweeps.startOrAttach("cgcnn-again", spec);
        SweepResult again = sweeps.await("cgcnn-again");
        assertThat(again.done()).isEqualTo(3);
        assertThat(again.memoized()).isEqualTo(3);
      }
    }
  }

  @Test
  void aFineTunedSweepComparesEachCellWithItsControlFromOneBaseline() throws Exception {
    Path dataset = DatasetLocation.resolve(null);
    SweepSpec spec =
        SweepSpec.builder()
            .name("finetune")
            .dataset(dataset.toString())
            .targets(List.of("band_gap"))
            .properties(List.of("volume"))
            .representations(List.of(Representation.COMPOSITION))
            .seeds(List.of(0, 1))
            .protocol(Protocol.FINETUNE)
            .hyper(Protocol.FINETUNE.hyper(3).toBuilder().batchSize(64).finetuneEpochs(1).build())
            .sample(200)
            .sampleSeed(0L)
            .artifactDir(dir.resolve("artifacts").toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(60)
            .build()
            .normalized("finetune");
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try (TomoWorkers workers = workers(client, 2)) {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("finetune", spec);
        SweepResult result = sweeps.await("finetune");
        assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
        // per seed: the baseline in full, its control, volume and the null control
        assertThat(result.done()).isEqualTo(8).isEqualTo(spec.trainingCount());
        assertThat(result.failed()).isZero();

        List<StoredTraining> results;
        try (Stream<Path> files = Files.walk(dir.resolve("artifacts").resolve("trainings"))) {
          results =
              files.filter(p -> p.toString().endsWith(".json")).map(CgcnnSweepTest::read).toList();
        }
        assertThat(results).hasSize(8);
        for (int seed : List.of(0, 1)) {
          List<StoredTraining> ofSeed =
              results.stream().filter(t -> t.request().seed() == seed).toList();
          List<StoredTraining> full =
              ofSeed.stream().filter(t -> t.request().isPretrain()).toList();
          assertThat(full).hasSize(1);
          assertThat(full.get(0).history()).hasSize(3);
          List<StoredTraining> tuned =
              ofSeed.stream().filter(t -> t.request().isFinetune()).toList();
          assertThat(tuned).hasSize(3);
          // the control and both cells: one epoch each, from the same weights
          assertThat(tuned).allSatisfy(t -> assertThat(t.history()).hasSize(1));
          assertThat(tuned)
              .extracting(CgcnnSweepTest::startWeights)
              .containsOnly(startWeights(tuned.get(0)))
              .doesNotContainNull();
        }
        Path report = Path.of(result.reportDir());
        String table1 = Files.readString(report.resolve("table1.md"));
        assertThat(table1)
            .contains("— protocol finetune")
            .contains("| ↳ null control (permuted band_gap) |");
        assertThat(Files.readString(report.resolve("provenance.csv")))
            .contains("experimental: cells fine-tuned 1 epoch from their baseline's best weights");
        // the report pairs each cell with its control: the baseline in full is not in it
        String trainings = Files.readString(report.resolve("trainings.csv"));
        assertThat(trainings.lines().skip(1).count()).isEqualTo(6);
      }
    }
  }

  /** Orchestration and a CGCNN training worker running {@code slots} trainings at once. */
  private static TomoWorkers workers(WorkflowClient client, int slots) {
    return new TomoWorkers(
        client,
        TomoWorkerOptions.builder()
            .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
            .training(TrainerChoice.cgcnn.create(Duration.ZERO, slots), slots)
            .disableSticky(true)
            .build());
  }

  /** The SHA-256 of the weights a fine-tuning started from; null for one from scratch. */
  private static String startWeights(StoredTraining t) {
    return t.provenance().flatMap(RunProvenance::start).map(StartWeights::sha256).orElse(null);
  }

  private static StoredTraining read(Path file) {
    try {
      return ArtifactStore.json().readValue(file.toFile(), StoredTraining.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
