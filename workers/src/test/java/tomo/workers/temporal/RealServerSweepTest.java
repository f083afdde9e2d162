package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.orchestration.AdaptiveSeeds;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.EpochListener;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainingRun;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.MoreSeeds;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainerKind;
import tomo.workflows.model.TrainingRequest;

/**
 * Sweeps against the real Temporal server ({@code temporal server start-dev}, SQLite) with the
 * synthetic trainer: a small sweep with a bad-input cell and its retry, a training worker killed
 * with SIGKILL mid-training, and a server restart mid-sweep. Skipped when the Temporal CLI is not
 * installed ({@code .ci/install-temporal.sh} installs it).
 */
class RealServerSweepTest {
  @TempDir static Path dir;
  private static DevServer server;

  /** Training workers started as processes: killed with their descendants whatever happens. */
  private static final ChildProcesses workerProcesses = new ChildProcesses();

  private static Path dataset;

  @BeforeAll
  static void startServer() throws Exception {
    Optional<Path> binary = DevServer.findBinary();
    Assumptions.assumeTrue(
        binary.isPresent(),
        "Temporal CLI not found (PATH, $TEMPORAL_CLI, ~/go/bin): run .ci/install-temporal.sh;"
            + " real-server tests skipped");
    server = new DevServer(binary.get(), dir);
    // the first materials of the shared dataset: the prepare activity reads them and builds their
    // graph caches; the synthetic trainer reads none of it
    dataset = DatasetLocation.resolve(null);
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    try {
      workerProcesses.close();
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  /**
   * A synthetic sweep of band_gap. {@code heartbeatSeconds}: how soon a silent training is retried
   * elsewhere; short only where a test kills a worker, since on a loaded machine a live training
   * can miss a short one and be retried (trained twice) without anything having failed.
   */
  private static SweepSpec spec(
      String name, List<String> properties, int epochs, int seeds, int heartbeatSeconds) {
    return SweepSpec.builder()
        .name(name)
        .dataset(dataset.toString())
        .targets(List.of("band_gap"))
        .properties(properties)
        .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
        .seeds(java.util.stream.IntStream.range(0, seeds).boxed().toList())
        .hyper(HyperParameters.paper(epochs))
        .baseline(BaselineMode.SHARED)
        .limit(20)
        .artifactDir(dir.resolve("artifacts-" + name).toString())
        .retryWindowMinutes(60)
        .heartbeatSeconds(heartbeatSeconds)
        .build()
        .withTrainer(TrainerKind.SYNTHETIC)
        .normalized(name);
  }

  /** Counts real trainings (not memoized ones) per content hash. */
  private static final class CountingTrainer implements CellTrainer {
    final SyntheticTrainer inner;
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    CountingTrainer(Duration pause) {
      inner = new SyntheticTrainer(pause);
    }

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
        throws tomo.activities.training.BadInputException, InterruptedException {
      calls.computeIfAbsent(request.cell().label(), k -> new AtomicInteger()).incrementAndGet();
      return inner.train(request, checkpointDir, listener);
    }
  }

  private static TomoWorkers workers(WorkflowClient client, CellTrainer trainer) {
    return new TomoWorkers(
        client,
        TomoWorkerOptions.builder()
            .orchestration(Set.of("band_gap", "volume", "density", "nsites"))
            .training(trainer, 4)
            .build());
  }

  @Test
  void badInputCellFailsAloneAndRetryCompletesItWithoutRetrainingTheRest() {
    WorkflowClient client = TemporalOptions.connect(server.target(), "default");
    CountingTrainer trainer = new CountingTrainer(Duration.ZERO);
    trainer.inner.markBad("density");
    SweepSpec spec = spec("bad-input", List.of("volume", "density"), 3, 2, 60);
    try (TomoWorkers w = workers(client, trainer)) {
      SweepClient sweeps = new SweepClient(client);
      sweeps.startOrAttach("bad-input", spec);
      await()
          .atMost(Duration.ofMinutes(6))
          .until(() -> sweeps.progress("bad-input").status() == SweepStatus.WAITING_FOR_RETRY);
      var stuck = sweeps.progress("bad-input");
      assertThat(stuck.failed()).isEqualTo(4); // density × 2 representations × 2 seeds
      assertThat(stuck.failures().get(0).reason()).contains("field 'density'");
      assertThat(stuck.reportDir()).isNotNull();

      trainer.inner.clearBad("density");
      sweeps.retryFailed("bad-input");
      SweepResult result = sweeps.await("bad-input");
      assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
      assertThat(result.done()).isEqualTo(spec.trainingCount());
      // density cells were tried twice (bad, then fixed); every other training ran once
      trainer.calls.forEach(
          (cell, n) -> assertThat(n.get()).as(cell).isEqualTo(cell.contains("/density/") ? 2 : 1));
      assertThat(Path.of(result.reportDir()).resolve("heatmap-structure.png")).exists();
      assertThat(Path.of(result.reportDir()).resolve("table1.md")).exists();
    }
  }

  @Test
  void aKilledTrainingWorkerIsReplacedAndTheTrainingResumesFromItsCheckpoint() throws Exception {
    WorkflowClient client = TemporalOptions.connect(server.target(), "default");
    SweepSpec spec = spec("kill", List.of("volume"), 12, 1, 2);
    Path logA = dir.resolve("worker-a.log");
    Path logB = dir.resolve("worker-b.log");
    // orchestration here; training in a separate process we can kill -9
    try (TomoWorkers w =
        new TomoWorkers(
            client,
            TomoWorkerOptions.builder().orchestration(Set.of("band_gap", "volume")).build())) {
      Process a = trainingWorker(logA);
      try {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("kill", spec);
        Path checkpoints = Path.of(spec.runtime().artifactDir(), "checkpoints");
        await()
            .atMost(Duration.ofMinutes(6))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> maxCheckpointEpoch(checkpoints) >= 4);
        a.destroyForcibly().waitFor(); // SIGKILL mid-training
        int killedAt = maxCheckpointEpoch(checkpoints);
        assertThat(killedAt).isBetween(4, 11);

        trainingWorker(logB);
        SweepResult result = sweeps.await("kill");
        assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
        assertThat(result.done()).isEqualTo(spec.trainingCount());

        // some training was finished by worker B after resuming: it trained fewer than 12 epochs
        ArtifactStore store = new ArtifactStore(Path.of(spec.runtime().artifactDir()));
        List<StoredTraining> stored = stored(store);
        assertThat(stored).hasSize((int) spec.trainingCount());
        assertThat(stored).anyMatch(t -> t.epochs() < 12);
        // and the outcome equals an uninterrupted training's
        SyntheticTrainer fresh = new SyntheticTrainer(Duration.ZERO);
        for (StoredTraining t : stored) {
          Path clean = Files.createTempDirectory(dir, "clean");
          TrainingRun run = fresh.train(t.request(), clean, (e, v, best, s) -> {});
          assertThat(t.outcome().testMetric()).isEqualTo(run.testMetric());
          assertThat(t.outcome().bestEpoch()).isEqualTo(run.bestEpoch());
        }
      } finally {
        workerProcesses.killAll(); // also when an assertion above failed
      }
    }
  }

  @Test
  void theSweepSurvivesAServerRestartWithoutLosingOrRepeatingTrainings() throws Exception {
    SweepSpec spec = spec("restart", List.of("volume", "density"), 4, 2, 2);
    CountingTrainer trainer = new CountingTrainer(Duration.ofMillis(250));
    WorkflowClient client = TemporalOptions.connect(server.target(), "default");
    try (TomoWorkers w = workers(client, trainer)) {
      SweepClient sweeps = new SweepClient(client);
      sweeps.startOrAttach("restart", spec);
      await().atMost(Duration.ofMinutes(6)).until(() -> trainer.calls.size() >= 3);
      server.stop();
      Thread.sleep(2_000);
      server.start();
      SweepResult result = sweeps.await("restart");
      assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
      assertThat(result.done()).isEqualTo(spec.trainingCount());
      assertThat(result.failed()).isZero();
      assertThat(stored(new ArtifactStore(Path.of(spec.runtime().artifactDir()))))
          .hasSize((int) spec.trainingCount());
    }
  }

  @Test
  void anAdaptiveSweepRestartedMidRoundAddsEachSeedOnce() throws Exception {
    // two seeds: a 95 % interval of 2 changes is wide (t = 12.7), so cells stay open for a round
    SweepSpec spec =
        spec("adaptive", List.of("volume", "density"), 3, 2, 30).toBuilder()
            .moreSeeds(new MoreSeeds(4, 0.5))
            .build()
            .normalized("adaptive");
    CountingTrainer trainer = new CountingTrainer(Duration.ofMillis(250));
    WorkflowClient client = TemporalOptions.connect(server.target(), "default");
    try (TomoWorkers w = workers(client, trainer)) {
      SweepClient sweeps = new SweepClient(client);
      sweeps.startOrAttach("adaptive", spec);
      // the first adaptive round (seed 2) is under way: restart the server in the middle of it
      await()
          .atMost(Duration.ofMinutes(6))
          .until(() -> trainer.calls.keySet().stream().anyMatch(c -> CellKey.parse(c).seed() == 2));
      server.stop();
      Thread.sleep(2_000);
      server.start();
      SweepResult result = sweeps.await("adaptive");
      assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
      assertThat(result.failed()).isZero();

      ArtifactStore store = new ArtifactStore(Path.of(spec.runtime().artifactDir()));
      List<CellKey> added = AdaptiveSeeds.added(store, "adaptive");
      assertThat(added).isNotEmpty().doesNotHaveDuplicates();
      // each (round, representation, property) decided once: one line each in the table
      String csv = Files.readString(Path.of(result.reportDir()).resolve(AdaptiveSeeds.CSV));
      List<String> keys =
          csv.lines()
              .skip(1)
              .map(l -> String.join(",", List.of(l.split(",")).subList(0, 5)))
              .toList();
      assertThat(keys).doesNotHaveDuplicates();
      // the trainings are the spec's, the added cells and one baseline per added seed, no more
      java.util.Set<String> baselines = new java.util.HashSet<>();
      added.forEach(c -> baselines.add(c.baseline().label()));
      long expected = spec.trainingCount() + added.size() + baselines.size();
      assertThat(stored(store)).hasSize((int) expected);
      assertThat(result.done()).isEqualTo(expected);
      // the report judged each added cell on all its seeds
      String table1 = Files.readString(Path.of(result.reportDir()).resolve("table1.md"));
      CellKey first = added.get(0);
      assertThat(table1).containsPattern("\\| band_gap \\| " + first.property() + " \\| ");
    }
  }

  private static List<StoredTraining> stored(ArtifactStore store) throws IOException {
    Path trainings = store.root().resolve("trainings");
    try (Stream<Path> files = Files.walk(trainings)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .map(
              p -> {
                try {
                  return ArtifactStore.json().readValue(p.toFile(), StoredTraining.class);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  /**
   * The newest epoch any training checkpointed. Reads each training's checkpoint file by name: a
   * walk of the directories would meet the trainers' temporary files, which vanish when they are
   * renamed into place (NoSuchFileException mid-walk); the renamed file itself is always whole.
   */
  private static int maxCheckpointEpoch(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return 0;
    }
    try (Stream<Path> trainings = Files.list(checkpoints)) {
      return trainings
          .mapToInt(
              t -> {
                try {
                  return ArtifactStore.json()
                      .readTree(t.resolve(SyntheticTrainer.CHECKPOINT).toFile())
                      .get("epoch")
                      .asInt();
                } catch (IOException e) {
                  return 0; // no epoch checkpointed yet
                }
              })
          .max()
          .orElse(0);
    }
  }

  private static Process trainingWorker(Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return workerProcesses.start(
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "tomo.workers.TomoCli",
                "worker",
                "--queue",
                "training",
                "--trainer",
                "synthetic",
                "--temporal",
                server.target(),
                "--epoch-pause-ms",
                "400",
                "--concurrency",
                "2",
                // a free port: the default (9465) may be held by another tomo on this machine
                "--metrics-port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile()));
  }
}
