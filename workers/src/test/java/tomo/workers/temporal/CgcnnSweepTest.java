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
import tomo.activities.store.StoredTraining;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.HyperParameters;
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
      try (TomoWorkers workers =
          new TomoWorkers(
              client,
              TomoWorkerOptions.builder()
                  .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                  .training(TrainerChoice.cgcnn.create(Duration.ZERO, 1), 1)
                  .disableSticky(true)
                  .build())) {
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
        assertThat(trainings).contains(",cgcnn-v3,").contains("," + spec.hyper().epochs() + ",");
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
          assertThat(t.provenance())
              .containsEntry("backend", "CPU")
              .containsEntry("device", "cpu()")
              // one training at a time gets every core
              .containsEntry(
                  "threads", Integer.toString(Runtime.getRuntime().availableProcessors()))
              .containsEntry("libtorchVersion", "2.5.1")
              .containsEntry("trainValidationTestMaterials", "120/40/40")
              .containsKey("graphSettings");
          assertThat(t.provenance().get("allocator")).isIn("glibc", "tcmalloc", "jemalloc");
          assertThat(Double.parseDouble(t.provenance().get("referenceTestMetric"))).isPositive();
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

  private static StoredTraining read(Path file) {
    try {
      return ArtifactStore.json().readValue(file.toFile(), StoredTraining.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
