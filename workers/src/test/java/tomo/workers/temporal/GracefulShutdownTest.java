package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.ArtifactStore;
import tomo.activities.training.SyntheticTrainer;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainerKind;

/**
 * SIGTERM of a training worker (`tomo worker` as a process) mid-training: it stops polling, each
 * running training stops after its epoch's checkpoint, it logs what it did and exits; the next
 * worker resumes each training after exactly the epoch that was checkpointed.
 */
class GracefulShutdownTest {
  private static final Pattern STOPPED =
      Pattern.compile("(\\S+): stopped after epoch (\\d+) \\(checkpoint written\\)");

  @TempDir Path dir;

  @Test
  void aTerminatedWorkerCheckpointsItsTrainingsLogsItAndTheNextWorkerResumesThere()
      throws Exception {
    SweepSpec spec =
        SweepSpec.builder()
            .name("sigterm")
            .dataset(DatasetLocation.resolve(null).toString())
            .targets(List.of("band_gap"))
            .properties(List.of("volume"))
            .representations(List.of(Representation.STRUCTURE))
            .seeds(List.of(0, 1))
            .hyper(HyperParameters.builder().epochs(12).build())
            .baseline(BaselineMode.SHARED)
            .limit(20)
            .artifactDir(dir.resolve("artifacts").toString())
            .retryWindowMinutes(60)
            .heartbeatSeconds(5)
            .build()
            .normalized("sigterm")
            .withTrainer(TrainerKind.SYNTHETIC);
    Path logA = dir.resolve("worker-a.log");
    Path logB = dir.resolve("worker-b.log");
    try (EmbeddedServer server = new EmbeddedServer(0);
        ChildProcesses processes = new ChildProcesses()) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try (TomoWorkers orchestration =
          new TomoWorkers(
              client,
              TomoWorkerOptions.builder()
                  .orchestration(Set.of("band_gap", "volume"))
                  .renderHeatmaps(false)
                  .disableSticky(true)
                  .build())) {
        Process a = processes.start(trainingWorker(server, logA));
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("sigterm", spec);
        Path checkpoints = Path.of(spec.runtime().artifactDir(), "checkpoints");
        await()
            .atMost(Duration.ofMinutes(3))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> checkpointEpochs(checkpoints).stream().anyMatch(e -> e >= 2));

        a.destroy(); // SIGTERM, as an operator or an orchestrator stops a container
        assertThat(a.waitFor(2, TimeUnit.MINUTES)).as("worker A exited").isTrue();

        String logged = Files.readString(logA);
        assertThat(logged).contains("shutting down: polling stopped").contains("shut down: ");
        List<Integer> stoppedAt = new ArrayList<>();
        Matcher m = STOPPED.matcher(logged);
        while (m.find()) {
          stoppedAt.add(Integer.parseInt(m.group(2)));
        }
        assertThat(stoppedAt).as(logged).isNotEmpty();
        // what the log says each training stopped after is what its checkpoint holds
        List<Integer> onDisk = checkpointEpochs(checkpoints);
        assertThat(onDisk.stream().filter(e -> e < 12).sorted().toList())
            .as(logged)
            .isEqualTo(stoppedAt.stream().sorted().toList());

        processes.start(trainingWorker(server, logB));
        SweepResult result = sweeps.await("sigterm");
        assertThat(result.status())
            .as("%s%n%s%n--- worker B ---%n%s", result, logged, Files.readString(logB))
            .isEqualTo(SweepStatus.COMPLETED);
        assertThat(result.done()).isEqualTo(spec.trainingCount());
        String resumed = Files.readString(logB);
        Matcher s = STOPPED.matcher(logged);
        while (s.find()) {
          assertThat(resumed)
              .as("worker B's log")
              .containsPattern(
                  Pattern.quote(s.group(1))
                      + ": attempt \\d+ resumes after epoch "
                      + s.group(2)
                      + " \\(its newest checkpoint");
        }
      }
    }
  }

  private static ProcessBuilder trainingWorker(EmbeddedServer server, Path log) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
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
            "500",
            "--concurrency",
            "2",
            "--sticky-off",
            "--metrics-port",
            "0",
            "--shutdown-seconds",
            "60")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
  }

  /** The epoch of every training's checkpoint file (each read whole: it is renamed into place). */
  private static List<Integer> checkpointEpochs(Path checkpoints) throws IOException {
    if (!Files.isDirectory(checkpoints)) {
      return List.of();
    }
    List<Integer> epochs = new ArrayList<>();
    try (Stream<Path> trainings = Files.list(checkpoints)) {
      for (Path t : trainings.toList()) {
        Path file = t.resolve(SyntheticTrainer.CHECKPOINT);
        if (Files.exists(file)) {
          epochs.add(ArtifactStore.json().readTree(file.toFile()).get("epoch").asInt());
        }
      }
    }
    return epochs;
  }
}
