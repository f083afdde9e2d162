package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.orchestration.ReportActivitiesImpl;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.BadInputException;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.CgcnnCellTrainer;
import tomo.activities.training.EpochListener;
import tomo.activities.training.TrainingRun;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.testing.Fixtures;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainingRequest;

/**
 * The sequence on a real server with the real trainer: a target without values fails its
 * training once (not ten times with backoff), the file is fixed in place, {@code sweep retry}
 * trains on the fixed file in the same worker, and the stored results name the data they used.
 */
class FixedDatasetRetryTest {
  @TempDir Path dir;

  /** Counts trainings started; the data question goes to the real trainer. */
  private static final class Counting implements CellTrainer {
    final CgcnnCellTrainer real = new CgcnnCellTrainer(1);
    final AtomicInteger trainings = new AtomicInteger();

    @Override
    public String id() {
      return real.id();
    }

    @Override
    public String datasetSha256(TrainingRequest request) throws BadInputException {
      return real.datasetSha256(request);
    }

    @Override
    public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
        throws BadInputException, InterruptedException {
      trainings.incrementAndGet();
      return real.train(request, checkpointDir, listener);
    }
  }

  @Test
  void aDataErrorFailsOnceAndARetryAfterTheFixTrainsOnTheFixedFile() throws Exception {
    Path csv = dir.resolve("data.csv");
    Fixtures.writeRockSaltBandGaps(csv, false);
    SweepSpec spec =
        SweepSpec.builder()
            .name("fix")
            .dataset(csv.toString())
            .targets(List.of("band_gap"))
            .properties(List.of("nsites"))
            .representations(List.of(Representation.COMPOSITION))
            .seeds(List.of(0))
            .hyper(HyperParameters.builder().epochs(1).batchSize(8).build())
            .baseline(BaselineMode.SHARED)
            .artifactDir(dir.resolve("artifacts").toString())
            .retryWindowMinutes(30)
            .heartbeatSeconds(60)
            .build()
            .normalized("fix");
    Counting trainer = new Counting();
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try (TomoWorkers workers =
          new TomoWorkers(
              client,
              TomoWorkerOptions.builder()
                  .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                  .training(trainer, 1)
                  .renderHeatmaps(false)
                  .disableSticky(true)
                  .build())) {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("fix", spec);
        SweepProgress failed = waitForRetryWindow(sweeps);
        assertThat(failed.status()).isEqualTo(SweepStatus.WAITING_FOR_RETRY);
        // the baseline, and the two cells that need it (nsites and the null control)
        assertThat(failed.failed()).isEqualTo(3);
        CellFailure baseline =
            failed.failures().stream().filter(f -> f.cell().isBaseline()).findFirst().orElseThrow();
        assertThat(baseline.type()).isEqualTo("BadInput");
        assertThat(baseline.reason()).contains(csv.toString()).contains("target band_gap");
        // a data error is not retried: one training was started, the cell's never was
        assertThat(trainer.trainings.get()).isEqualTo(1);

        String original = DatasetReader.read(csv, ReadOptions.defaults()).contentSha256();
        Fixtures.writeRockSaltBandGaps(csv, true); // fixed in place; the worker keeps running
        Files.setLastModifiedTime(csv, FileTime.from(Instant.now().plusSeconds(5)));
        String fixed = DatasetReader.read(csv, ReadOptions.defaults()).contentSha256();
        sweeps.retryFailed("fix");
        SweepResult result = sweeps.await("fix");

        assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
        assertThat(result.done()).isEqualTo(3);
        List<StoredTraining> stored = stored(dir.resolve("artifacts"));
        assertThat(stored).hasSize(3);
        assertThat(stored)
            .allSatisfy(t -> assertThat(t.request().datasetSha256()).isEqualTo(fixed));
        // the report collects both under the fixed file's hash: nothing missing, nothing mixed
        List<String> collected =
            Files.readAllLines(Path.of(result.reportDir()).resolve(ReportActivitiesImpl.OUTCOMES));
        assertThat(String.join("", collected)).contains(fixed).doesNotContain(original);
      }
    }
  }

  /**
   * Polls the sweep's progress until its failed cells wait for a retry or it ended; gives up after
   * ten minutes so a broken sweep fails the test instead of hanging it.
   */
  private static SweepProgress waitForRetryWindow(SweepClient sweeps) throws InterruptedException {
    long giveUp = System.nanoTime() + 600_000_000_000L;
    SweepProgress p = sweeps.progress("fix");
    while (p.status() == SweepStatus.PREPARING
        || p.status() == SweepStatus.RUNNING
        || p.status() == SweepStatus.REPORTING) {
      assertThat(System.nanoTime()).as("sweep still %s: %s", p.status(), p).isLessThan(giveUp);
      Thread.sleep(200);
      p = sweeps.progress("fix");
    }
    return p;
  }

  private static List<StoredTraining> stored(Path artifacts) throws IOException {
    try (Stream<Path> files = Files.walk(artifacts.resolve("trainings"))) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(
              p -> {
                try {
                  return ArtifactStore.json().readValue(p.toFile(), StoredTraining.class);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
