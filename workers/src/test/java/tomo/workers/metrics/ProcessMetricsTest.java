package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class ProcessMetricsTest {
  @Command(name = "worker")
  static final class WorkerLike implements Runnable {
    @Mixin MetricsOptions metrics;

    @Override
    public void run() {}
  }

  @Test
  void optionsDefaultToLoopbackAndTheRolesPort() {
    WorkerLike command = new WorkerLike();
    new CommandLine(command).parseArgs();
    assertThat(command.metrics.host()).isEqualTo("127.0.0.1");
    assertThat(command.metrics.port(9465)).isEqualTo(9465);
    new CommandLine(command).parseArgs("--metrics-port", "0", "--metrics-host", "localhost");
    assertThat(command.metrics.port(9465)).isZero();
    assertThat(command.metrics.host()).isEqualTo("localhost");
  }

  @Test
  void longRunningCommandsTakeTheMetricsOptions() {
    CommandLine cli = tomo.workers.TomoCli.commandLine();
    for (String command : List.of("worker", "demo", "server")) {
      CommandLine sub = cli.getSubcommands().get(command);
      assertThat(sub).as("tomo %s", command).isNotNull();
      assertThat(sub.getCommandSpec().findOption("--metrics-port")).as(command).isNotNull();
      assertThat(sub.getCommandSpec().findOption("--metrics-host")).as(command).isNotNull();
    }
  }

  @Test
  void servesTomoAndJvmMetricsAndTheTemporalScope() throws Exception {
    try (ProcessMetrics metrics = ProcessMetrics.start(new MetricsOptions("127.0.0.1", 0))) {
      metrics.tomo().trainings().layout("training", 4, 2);
      metrics.temporalScope().tagged(Map.of("task_queue", "x")).counter("temporal_probe").inc(3);
      metrics
          .temporalScope()
          .tagged(Map.of("sweep", "s1", "state", "done"))
          .gauge("tomo_sweep_cells")
          .update(7);
      // the Temporal scope's values reach the registry on its next report: scrape until they do
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () ->
                  assertThat(MetricsEndpointTest.scrape(metrics.server().orElseThrow().uri()))
                      .contains("tomo_training_slots{queue=\"training\",state=\"free\"} 4.0")
                      .contains("tomo_training_concurrency{queue=\"training\"} 4.0")
                      .contains("tomo_training_threads_per_training{queue=\"training\"} 2.0")
                      .contains("jvm_memory_used_bytes{")
                      .contains("process_cpu_usage")
                      .contains("temporal_probe_total{task_queue=\"x\"} 3.0")
                      .contains("tomo_sweep_cells{state=\"done\",sweep=\"s1\"} 7.0"));
    }
  }

  @Test
  void portMinusOneServesNothingAndABusyPortIsNamed() {
    try (ProcessMetrics none = ProcessMetrics.start(new MetricsOptions("127.0.0.1", -1));
        ProcessMetrics first = ProcessMetrics.start(new MetricsOptions("127.0.0.1", 0))) {
      assertThat(none.server()).isEmpty();
      int port = first.server().orElseThrow().port();
      assertThatThrownBy(() -> ProcessMetrics.start(new MetricsOptions("127.0.0.1", port)))
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + port);
    }
  }
}
