package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real Prometheus on 127.0.0.1 scrapes a tomo process running simulated sweeps on
 * Temporal's test service; then every dashboard panel's query, with Grafana's variables
 * substituted, must return data from Prometheus's HTTP API, and tomo's alert rules must load and
 * evaluate. Prints each query with the number of series it returned.
 */
class DashboardQueriesLiveTest {
  private static final Pattern LABEL_VALUES =
      Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)");

  @Test
  void everyPanelQueryReturnsDataFromALiveScrape(@TempDir Path dir) throws Exception {
    Path binary = Promtool.require("prometheus");
    try (SimulatedWorkload workload = new SimulatedWorkload(3);
        RealSweep real = RealSweep.start(dir.resolve("artifacts"))) {
      // sweep a: the paper's grid in miniature, one training held running, two transient failures
      List<SimulatedCell> cells =
          new ArrayList<>(
              SimulatedWorkload.grid(
                  List.of("band_gap", "formation_energy_per_atom", "efermi"),
                  List.of("volume", "density", "nsites"),
                  List.of(1, 2, 3),
                  4,
                  120));
      cells.add(0, new SimulatedCell("band_gap", "volume", "structure", 9, 3, 100, 0, true));
      cells.set(3, failingOnce(cells.get(3)));
      cells.set(6, failingOnce(cells.get(6)));
      workload.start("sweep-a", cells, 3);
      workload.start(
          "sweep-b",
          SimulatedWorkload.grid(List.of("band_gap"), List.of("volume"), List.of(1), 2, 50),
          1);

      String config =
          """
          global:
            scrape_interval: 1s
            evaluation_interval: 1s
          rule_files:
            - %s
          scrape_configs:
            - job_name: tomo-embedded
              static_configs:
                - targets: ["127.0.0.1:%d", "127.0.0.1:%d"]
          """
              .formatted(
                  GrafanaDashboards.monitoringDir()
                      .resolve("prometheus/rules/tomo-alerts.yml")
                      .toAbsolutePath(),
                  workload.server.port(),
                  real.port());
      try (PrometheusProcess prometheus = PrometheusProcess.start(binary, dir, config)) {
        awaitScrapes(prometheus, 30);
        real.await();
        // tomo's real sweep (its own process target): its gauges reach Prometheus on the Temporal
        // scope's next report and the scrape after it, so wait until every one of them has data
        String realTarget = "instance=\"127.0.0.1:" + real.port() + "\"";
        List<String> realQueries =
            List.of(
                "tomo_sweep_cells{sweep=\"" + RealSweep.ID + "\"}",
                "tomo_sweep_eta_seconds{sweep=\"" + RealSweep.ID + "\"}",
                "tomo_sweep_mean_delta_percent{sweep=\"" + RealSweep.ID + "\"}",
                "tomo_trainings_finished_total{" + realTarget + "}",
                "tomo_training_epoch_duration_seconds_bucket{" + realTarget + "}",
                "tomo_training_slots{" + realTarget + "}",
                "temporal_activity_schedule_to_start_latency_seconds_bucket{" + realTarget + "}",
                "temporal_worker_task_slots_available{" + realTarget + "}");
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> allHaveData(prometheus, realQueries));

        List<String> report = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (GrafanaDashboards.Dashboard dashboard : GrafanaDashboards.all()) {
          Map<String, String> values = GrafanaDashboardTest.allValues(dashboard);
          for (JsonNode variable : dashboard.variables()) {
            if (!variable.path("type").asText().equals("query")) {
              continue;
            }
            String query = variable.path("query").path("query").asText();
            Matcher m = LABEL_VALUES.matcher(query);
            assertThat(m.matches()).as("variable query %s", query).isTrue();
            JsonNode labelValues =
                prometheus.get("/api/v1/label/" + m.group(2) + "/values", "match[]", m.group(1));
            report.add(
                "%-20s variable $%-10s %3d values  %s"
                    .formatted(
                        dashboard.name(),
                        variable.path("name").asText(),
                        labelValues.size(),
                        query));
            if (labelValues.isEmpty()) {
              empty.add(dashboard.name() + " variable " + query);
            }
          }
          for (GrafanaDashboards.PanelQuery query : GrafanaDashboards.queries(dashboard)) {
            String expr = GrafanaDashboards.substitute(query.expr(), values);
            int series = query.instant() ? instant(prometheus, expr) : range(prometheus, expr);
            report.add(
                "%-20s panel %2d %-45s %s %3d series  %s"
                    .formatted(
                        dashboard.name(),
                        query.panelId(),
                        '"' + query.panelTitle() + '"',
                        query.refId(),
                        series,
                        expr));
            if (series == 0) {
              empty.add(dashboard.name() + " panel " + query.panelTitle() + " " + expr);
            }
          }
        }
        String text = String.join("\n", report);
        System.out.println(text);
        Files.writeString(
            Path.of("target", "dashboard-queries-live.txt"), text + "\n", StandardCharsets.UTF_8);
        assertThat(empty).as("queries without data").isEmpty();

        // tomo's real sweep (its own process target) is in Prometheus too
        List<String> realReport = new ArrayList<>();
        for (String query : realQueries) {
          int series = instant(prometheus, query);
          realReport.add("%-22s %3d series  %s".formatted("real sweep", series, query));
          if (series == 0) {
            empty.add("real sweep " + query);
          }
        }
        System.out.println(String.join("\n", realReport));
        Files.writeString(
            Path.of("target", "dashboard-queries-live.txt"),
            "\n" + String.join("\n", realReport) + "\n",
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.APPEND);
        assertThat(empty).as("real sweep queries without data").isEmpty();

        // the alert rules loaded and evaluate against the live series without errors
        JsonNode groups = prometheus.get("/api/v1/rules").path("groups");
        List<String> rules = new ArrayList<>();
        for (JsonNode group : groups) {
          for (JsonNode rule : group.path("rules")) {
            rules.add(rule.path("name").asText() + "=" + rule.path("health").asText());
          }
        }
        assertThat(rules)
            .containsExactlyInAnyOrder(
                "TomoNoTrainingWorker=ok",
                "TomoTrainingsFailing=ok",
                "TomoTrainingStalled=ok",
                "TomoSweepPastEta=ok",
                "TomoScrapeTargetDown=ok");
      } finally {
        workload.releaseHeld();
      }
    }
  }

  private static SimulatedCell failingOnce(SimulatedCell c) {
    return new SimulatedCell(
        c.target(),
        c.property(),
        c.representation(),
        c.seed(),
        c.epochs(),
        c.epochMillis(),
        1,
        false);
  }

  /** Whether every query returns at least one series with a number. */
  private static boolean allHaveData(PrometheusProcess prometheus, List<String> queries)
      throws Exception {
    for (String query : queries) {
      if (instant(prometheus, query) == 0) {
        return false;
      }
    }
    return true;
  }

  /** Waits until Prometheus holds {@code samples} successful scrapes of the tomo process. */
  private static void awaitScrapes(PrometheusProcess prometheus, int samples) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    while (Instant.now().isBefore(deadline)) {
      JsonNode result =
          prometheus
              .get("/api/v1/query", "query", "sum_over_time(up{job=\"tomo-embedded\"}[5m])")
              .path("result");
      if (!result.isEmpty() && result.get(0).path("value").get(1).asDouble() >= samples) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Prometheus did not scrape the tomo process " + samples + " times");
  }

  /** Series of an instant query that have a number (not NaN). */
  private static int instant(PrometheusProcess prometheus, String expr) throws Exception {
    int series = 0;
    for (JsonNode s : prometheus.get("/api/v1/query", "query", expr).path("result")) {
      if (!"NaN".equals(s.path("value").get(1).asText())) {
        series++;
      }
    }
    return series;
  }

  /** Series of a range query over the last minute that have at least one number (not NaN). */
  private static int range(PrometheusProcess prometheus, String expr) throws Exception {
    long now = Instant.now().getEpochSecond();
    int series = 0;
    JsonNode result =
        prometheus
            .get(
                "/api/v1/query_range",
                "query",
                expr,
                "start",
                Long.toString(now - 60),
                "end",
                Long.toString(now),
                "step",
                "1")
            .path("result");
    for (JsonNode s : result) {
      for (JsonNode point : s.path("values")) {
        if (!"NaN".equals(point.get(1).asText())) {
          series++;
          break;
        }
      }
    }
    return series;
  }
}
