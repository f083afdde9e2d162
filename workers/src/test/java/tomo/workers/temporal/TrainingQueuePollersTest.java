package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.temporal.client.WorkflowClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainingLayout;
import tomo.workers.TomoCli;
import tomo.workflows.TaskQueues;

/** Which training workers Temporal sees, asked of the real server, the test server and nobody. */
class TrainingQueuePollersTest {
  @TempDir Path dir;

  @Test
  void theRealServerListsTheTrainingWorkerThatPolls() throws Exception {
    Optional<Path> binary = DevServer.findBinary();
    Assumptions.assumeTrue(
        binary.isPresent(), "Temporal CLI not installed (.ci/install-temporal.sh)");
    try (DevServer server = new DevServer(binary.get(), dir)) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try {
        assertThat(TrainingQueuePollers.ask(client, TaskQueues.TRAINING, 10).workers()).isZero();
        try (TomoWorkers workers = trainingWorker(client)) {
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> TrainingQueuePollers.ask(client, TaskQueues.TRAINING, 10).workers() == 1);
          TrainingQueuePollers.Seen seen =
              TrainingQueuePollers.ask(client, TaskQueues.TRAINING, 10);
          assertThat(seen.known()).isTrue();
          // the worker states its layout in its identity: 2 slots of 3 threads each
          assertThat(seen.note())
              .isEqualTo(
                  "1 training worker(s) polling task queue tomo-training (2 trainings at once, 3"
                      + " intra-op thread(s) each)");
          assertThat(seen.slots()).isEqualTo(2);
          // the estimate predicts for the workers the server sees
          Path spec =
              Files.writeString(
                  dir.resolve("s.yaml"),
                  "targets: [band_gap]\nproperties: [volume]\nrepresentations: [composition]\n"
                      + "seeds: [0]\nhyper: {epochs: 2}\nlimit: 80\nartifactDir: "
                      + dir.resolve("artifacts")
                      + "\n");
          CommandLine cli = TomoCli.commandLine();
          PrintStream original = System.out;
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
          int code;
          try {
            code =
                cli.execute(
                    "sweep",
                    "estimate",
                    "--spec",
                    spec.toString(),
                    "--temporal",
                    server.target(),
                    "--calibration-materials",
                    "40",
                    "--calibration-epochs",
                    "1",
                    "--json");
          } finally {
            System.setOut(original);
          }
          assertThat(code).isZero();
          // in tests the log goes to standard output too (the tomo launcher logs to standard error)
          String text = out.toString(StandardCharsets.UTF_8);
          JsonNode json =
              JsonMapper.builder().build().readTree(text.substring(text.indexOf("{\n")));
          assertThat(json.get("throughput").get("workers").asInt()).isEqualTo(1);
          assertThat(json.get("throughput").get("trainingsPerWorker").asInt()).isEqualTo(2);
          assertThat(json.get("throughput").get("workersSource").asText())
              .isEqualTo(seen.note() + " at " + server.target());
          // the calibration trains as the workers do: 3 threads
          assertThat(json.get("throughput").get("speedSource").asText())
              .contains(", 3 intra-op thread(s), ");
          // the orchestration queue's activities are not training workers
          assertThat(TrainingQueuePollers.ask(client, TaskQueues.ORCHESTRATION, 10).workers())
              .isZero();
        }
      } finally {
        client.getWorkflowServiceStubs().shutdownNow();
      }
    }
  }

  @Test
  void theTestServerCannotTellAndNobodyIsUnreachable() throws Exception {
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      WorkflowClient client = TemporalOptions.connect(server.target(), "default");
      try {
        TrainingQueuePollers.Seen seen = TrainingQueuePollers.ask(client, TaskQueues.TRAINING, 10);
        assertThat(seen.known()).isFalse();
        assertThat(seen.note()).contains("does not list pollers");
      } finally {
        client.getWorkflowServiceStubs().shutdownNow();
      }
    }
    WorkflowClient nobody =
        TemporalOptions.connect("127.0.0.1:" + EmbeddedServer.freePort(), "default");
    try {
      TrainingQueuePollers.Seen seen = TrainingQueuePollers.ask(nobody, TaskQueues.TRAINING, 5);
      assertThat(seen.known()).isFalse();
      assertThat(seen.note()).startsWith("Temporal unreachable");
    } finally {
      nobody.getWorkflowServiceStubs().shutdownNow();
    }
  }

  private static TomoWorkers trainingWorker(WorkflowClient client) {
    return new TomoWorkers(
        client,
        TomoWorkerOptions.builder()
            .training(
                new SyntheticTrainer(Duration.ZERO),
                TrainingLayout.plan(
                    DeviceInventory.of(6, 0, 64L << 30),
                    Concurrency.parse("2"),
                    OptionalInt.empty(),
                    GpuSelection.NONE))
            .build());
  }
}
