package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.hyper.HyperParameters;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TomoWorkerOptions;
import tomo.workers.temporal.TomoWorkers;
import tomo.workers.temporal.TrainerChoice;
import tomo.workflows.TaskQueues;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainerKind;

/**
 * tomo's real sweep (SweepWorkflow, cell groups, training activity with the synthetic trainer)
 * wired as {@code tomo demo} wires it: its /metrics shows the sweep's cells, the trainings and
 * Temporal's own meters.
 */
class SweepMetricsWiringTest {
  @Test
  void aRealSweepReportsItsProgressAndTrainings(@TempDir Path artifacts) throws Exception {
    SweepSpec spec =
        SweepSpec.builder()
            .name("metrics")
            .targets(List.of("band_gap"))
            .properties(List.of("volume", "density"))
            .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
            .seeds(List.of(0, 1))
            .hyper(HyperParameters.paper(3))
            .baseline(BaselineMode.SHARED)
            .limit(200)
            .artifactDir(artifacts.toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(10)
            .build()
            .withTrainer(TrainerKind.SYNTHETIC)
            .normalized("metrics");
    try (EmbeddedServer server = new EmbeddedServer(0);
        ProcessMetrics metrics = ProcessMetrics.start(new MetricsOptions("127.0.0.1", 0))) {
      metrics.tomo().trainings().slots(TaskQueues.TRAINING, 2);
      WorkflowClient client =
          TemporalOptions.connect(server.target(), "default", metrics.temporalScope());
      SweepResult result;
      try (TomoWorkers workers =
          new TomoWorkers(
              client,
              TomoWorkerOptions.builder()
                  .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                  .training(
                      new MeteredCellTrainer(
                          TrainerChoice.synthetic.create(Duration.ofMillis(5), 2),
                          metrics.tomo().trainings(),
                          TaskQueues.TRAINING),
                      2)
                  .renderHeatmaps(false)
                  .disableSticky(true)
                  .build())) {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach("metrics-sweep", spec);
        result = sweeps.await("metrics-sweep");
      }
      long trainings =
          spec.trainingCount(); // 2 representations × 2 seeds × (baseline + 2 + null control)
      assertThat(result.failed()).isZero();
      // gauges reach the registry on the Temporal scope's next report: scrape until they do
      AtomicReference<String> scraped = new AtomicReference<>();
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                scraped.set(MetricsEndpointTest.scrape(metrics.server().orElseThrow().uri()));
                expectSweepMeters(scraped.get(), trainings);
              });
      assertThat(Promtool.checkMetrics(scraped.get()).exitCode()).isNotEqualTo(1);
    }
  }

  private static void expectSweepMeters(String text, long trainings) {
    assertThat(text)
        .contains("tomo_sweep_cells{state=\"done\",sweep=\"metrics-sweep\"} " + trainings + ".0")
        .contains("tomo_sweep_cells{state=\"pending\",sweep=\"metrics-sweep\"} 0.0")
        .contains("tomo_sweep_cells{state=\"failed\",sweep=\"metrics-sweep\"} 0.0")
        .contains(
            "tomo_trainings_finished_total{queue=\""
                + TaskQueues.TRAINING
                + "\",representation=\"structure\"} "
                + trainings / 2
                + ".0")
        .contains(
            "tomo_trainings_finished_total{queue=\""
                + TaskQueues.TRAINING
                + "\",representation=\"composition\"} "
                + trainings / 2
                + ".0")
        .contains(
            "tomo_training_epoch_duration_seconds_count{queue=\""
                + TaskQueues.TRAINING
                + "\","
                + "representation=\"structure\"} "
                + trainings / 2 * 3)
        .contains("tomo_training_slots{queue=\"" + TaskQueues.TRAINING + "\",state=\"free\"} 2.0")
        .contains("temporal_activity_schedule_to_start_latency_seconds_bucket{")
        .contains("temporal_workflow_completed_total{")
        // the heatmap so far, from the cell-group workflows
        .containsPattern(
            "tomo_sweep_mean_delta_percent\\{property=\"density\",representation=\"composition\","
                + "sweep=\"metrics-sweep\",target=\"band_gap\"} -?[0-9]")
        .containsPattern(
            "tomo_sweep_mean_delta_percent\\{property=\"volume\",representation=\"structure\","
                + "sweep=\"metrics-sweep\",target=\"band_gap\"} -?[0-9]");
  }
}
