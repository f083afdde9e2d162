package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.RunEnvironment;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.CgcnnCellTrainer;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.EpochListener;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.PreparationListener;
import tomo.activities.training.TrainingLayout;
import tomo.activities.training.TrainingRun;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainingRequest;

/**
 * A training worker with two slots runs two real CGCNN trainings at once in one JVM (what {@code
 * tomo worker --concurrency 2} and {@code tomo demo} do); before per-thread gradient recording,
 * every second training failed on DJL's process-wide collector guard.
 */
class ConcurrentCgcnnSweepTest {
  @TempDir Path dir;

  @Test
  void twoSlotsTrainTwoModelsAtOnceWithoutFailures() throws Exception {
    SweepSpec spec =
        SweepSpec.builder()
            .name("conc")
            .dataset(DatasetLocation.resolve(null).toString())
            .targets(List.of("band_gap"))
            .properties(List.of("volume"))
            .representations(List.of(Representation.COMPOSITION, Representation.STRUCTURE))
            .seeds(List.of(0))
            .hyper(HyperParameters.builder().epochs(2).batchSize(64).build())
            .baseline(BaselineMode.SHARED)
            .limit(200)
            .artifactDir(dir.resolve("artifacts").toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(60)
            .build()
            .normalized("conc");
    TrainingLayout layout =
        TrainingLayout.plan(
            DeviceInventory.local(), Concurrency.of(2), OptionalInt.of(1), GpuSelection.NONE);
    // the first two trainings (the two baselines, scheduled together) wait for each other, so they
    // certainly overlap
    CountDownLatch firstTwo = new CountDownLatch(2);
    CellTrainer cgcnn = new CgcnnCellTrainer(layout, PreparationListener.NONE);
    CellTrainer overlapping =
        new CellTrainer() {
          @Override
          public String id() {
            return cgcnn.id();
          }

          @Override
          public TrainingRun train(TrainingRequest request, Path checkpoints, EpochListener l)
              throws tomo.activities.training.BadInputException, InterruptedException {
            firstTwo.countDown();
            if (!firstTwo.await(5, TimeUnit.MINUTES)) {
              throw new IllegalStateException("the second training never started beside this one");
            }
            return cgcnn.train(request, checkpoints, l);
          }
        };
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try (TomoWorkers workers =
          new TomoWorkers(
              client,
              TomoWorkerOptions.builder()
                  .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                  .training(overlapping, layout.concurrency())
                  .renderHeatmaps(false)
                  .disableSticky(true)
                  .build())) {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("conc", spec);
        SweepResult result = sweeps.await("conc");
        assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
        assertThat(result.failed()).isZero();
        // per representation the baseline, volume and the null control (permuted band_gap)
        assertThat(result.done()).isEqualTo(6);
      }
    }
    List<StoredTraining> stored;
    try (Stream<Path> files = Files.walk(dir.resolve("artifacts").resolve("trainings"))) {
      stored =
          files
              .filter(p -> p.toString().endsWith(".json"))
              .map(ConcurrentCgcnnSweepTest::read)
              .toList();
    }
    assertThat(stored).hasSize(6);
    for (StoredTraining t : stored) {
      RunEnvironment env = t.provenance().orElseThrow().environment();
      assertThat(env.device()).isEqualTo("cpu()");
      assertThat(env.concurrency()).isEqualTo(2);
      assertThat(env.threads()).isEqualTo(1);
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
