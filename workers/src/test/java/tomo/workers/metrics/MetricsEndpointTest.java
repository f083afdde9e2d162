package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A small simulated sweep, then the /metrics text as Prometheus would scrape it. */
class MetricsEndpointTest {
  private static SimulatedWorkload workload;
  private static String exposition;

  @BeforeAll
  static void runSweep() throws Exception {
    workload = new SimulatedWorkload(2);
    List<SimulatedCell> cells =
        new java.util.ArrayList<>(
            SimulatedWorkload.grid(
                List.of("band_gap", "formation_energy_per_atom"),
                List.of("volume", "density"),
                List.of(1),
                2,
                5));
    // one transient failure, retried by Temporal
    SimulatedCell first = cells.get(1);
    cells.set(
        1,
        new SimulatedCell(
            first.target(),
            first.property(),
            first.representation(),
            first.seed(),
            first.epochs(),
            first.epochMillis(),
            1,
            false));
    workload.start("sweep-a", cells, 2);
    workload.await("sweep-a");
    // the Temporal scope's gauges reach the registry on its next report: scrape until the sweep's
    // final counts are there
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> scrape(workload.server.uri()),
            text ->
                text.contains("tomo_sweep_cells{state=\"done\",sweep=\"sweep-a\"} 12.0")
                    && text.contains("tomo_sweep_cells{state=\"failed\",sweep=\"sweep-a\"} 0.0")
                    && text.contains("tomo_training_slots{queue=\"training\",state=\"free\"} 2.0"));
    exposition = scrape(workload.server.uri());
  }

  @AfterAll
  static void stop() {
    if (workload != null) {
      workload.close();
    }
  }

  static String scrape(URI uri) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return response.body();
  }

  @Test
  void servesOnLoopbackByDefault() {
    assertThat(workload.server.uri().getHost()).isEqualTo("127.0.0.1");
    assertThat(workload.server.uri().getPath()).isEqualTo("/metrics");
  }

  @Test
  void exposesTomoAndTemporalMeters() {
    assertThat(exposition)
        .contains("tomo_sweep_cells{state=\"done\",sweep=\"sweep-a\"} 12.0")
        .contains("tomo_sweep_cells{state=\"failed\",sweep=\"sweep-a\"} 0.0")
        .contains("tomo_sweep_eta_seconds{sweep=\"sweep-a\"}")
        .contains("tomo_sweep_planned_finish_timestamp_seconds{sweep=\"sweep-a\"}")
        .contains(
            "tomo_sweep_mean_delta_percent{property=\"density\",representation=\"structure\","
                + "sweep=\"sweep-a\",target=\"band_gap\"}")
        .contains(
            "tomo_trainings_started_total{queue=\"training\",representation=\"structure\"} 7.0")
        .contains(
            "tomo_trainings_finished_total{queue=\"training\",representation=\"structure\"} 6.0")
        .contains(
            "tomo_trainings_failed_total{queue=\"training\",representation=\"structure\"} 1.0")
        .contains("tomo_training_epoch_duration_seconds_bucket{")
        .contains("tomo_training_slots{queue=\"training\",state=\"free\"} 2.0")
        .contains("tomo_dataset_build_duration_seconds_count 1")
        .contains(
            "tomo_graph_cache_build_duration_seconds_count{mode=\"structure\",outcome=\"built\"} 1")
        .contains("temporal_activity_schedule_to_start_latency_seconds_bucket{")
        .contains("temporal_activity_execution_failed_total{")
        .contains("temporal_worker_task_slots_available{");
    // all trainings ended, so no per-training series remain
    assertThat(exposition).doesNotContain("tomo_training_current_epoch{");
  }

  @Test
  void temporalHistogramsAreTrimmedToTheDashboardOnes() {
    Set<String> histograms = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^(temporal_\\w+)_seconds_bucket\\{").matcher(exposition);
    while (m.find()) {
      histograms.add(m.group(1));
    }
    assertThat(histograms).isNotEmpty();
    assertThat(TemporalMetrics.HISTOGRAMS_KEPT).containsAll(histograms);
    // a timer the SDK reports that the dashboards do not draw: count and sum only
    assertThat(exposition)
        .contains("temporal_workflow_task_execution_latency_seconds_count{")
        .doesNotContain("temporal_workflow_task_execution_latency_seconds_bucket{");
  }

  @Test
  void parsesWithPrometheusTextParser() throws Exception {
    Promtool.Result result = Promtool.checkMetrics(exposition);
    // exit 1 = parse error; 3 = parsed, lint findings (printed so they can be read)
    assertThat(result.exitCode()).as(result.output()).isNotEqualTo(1);
    assertThat(result.output()).doesNotContain("error while linting");
    // tomo's own meters are lint-clean (names, units, help text)
    assertThat(result.output().lines().filter(l -> l.startsWith("tomo_")).toList()).isEmpty();
  }
}
