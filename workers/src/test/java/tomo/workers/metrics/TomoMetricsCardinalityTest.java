package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Many sweeps, cells and trainings with ever-new ids must not grow the series without bound. */
class TomoMetricsCardinalityTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TomoMetrics metrics = new TomoMetrics(registry, 5);
  private final Random random = new Random(42);

  /** Drives {@code sweeps} new sweeps, each with new targets/properties and 20 trainings. */
  private void drive(int firstSweep, int sweeps) {
    for (int s = firstSweep; s < firstSweep + sweeps; s++) {
      String sweep = "sweep-" + s;
      metrics.sweeps().cells(sweep, "pending", 100 - s % 100);
      metrics.sweeps().cells(sweep, "running", 3);
      metrics.sweeps().cells(sweep, "done", s % 100);
      metrics.sweeps().cells(sweep, "failed", s % 7);
      metrics.sweeps().eta(sweep, 3600.0 / (1 + s));
      List<RunningTraining> running = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        String target = "target-" + random.nextInt(1_000_000);
        String property = "property-" + random.nextInt(1_000_000);
        metrics
            .sweeps()
            .meanDelta(sweep, target, property, t % 2 == 0 ? "structure" : "composition", t);
        metrics
            .sweeps()
            .seeds(sweep, target, property, t % 2 == 0 ? "structure" : "composition", 3 + t % 4);
        RunningTraining training =
            metrics
                .trainings()
                .started(
                    "queue-" + random.nextInt(1000),
                    t % 3 == 0 ? "structure" : "seed-" + t,
                    target,
                    property,
                    t % 2 == 0 ? "mae" : "something-else",
                    10);
        training.epochFinished(1, Duration.ofMillis(10 + t), 1.0, 0.5, 0.5);
        running.add(training);
      }
      for (int t = 0; t < running.size(); t++) {
        if (t % 5 == 0) {
          running.get(t).failed();
        } else if (t % 3 != 0) {
          running.get(t).finished();
        }
        // the rest keep running, which holds their slot series
      }
      // a later attempt ends them, as a retried training would
      running.forEach(RunningTraining::finished);
    }
    metrics.preparation().datasetRead(Duration.ofSeconds(3));
    metrics.preparation().graphCacheReady("structure", true, Duration.ofSeconds(30));
    metrics.preparation().graphCacheReady("weird-" + firstSweep, false, Duration.ofSeconds(1));
  }

  private Set<String> series() {
    Set<String> series = new TreeSet<>();
    registry
        .scrape()
        .lines()
        .filter(line -> !line.startsWith("#") && !line.isBlank())
        .map(line -> line.substring(0, line.lastIndexOf(' ')))
        .forEach(series::add);
    return series;
  }

  private static long tomoSeries(Set<String> series) {
    return series.stream().filter(s -> s.startsWith("tomo_")).count();
  }

  @Test
  void seriesStayBoundedAsSweepsAndIdsKeepComing() {
    // what the label caps allow: 5 sweeps × (4 states + eta + planned + 20 heatmap cells + 20
    // cells' seeds),
    // 3 outcome counters and a 17-line epoch histogram per (9 queues × 3 representations),
    // 9 × 2 slot gauges, the dataset timer (3 lines) and the graph cache timer (3 modes × 2 × 3)
    long allowed = 5 * (4 + 2 + 20 + 20) + 9 * 3 * (3 + 17) + 9 * 2 + 3 + 3 * 2 * 3;
    drive(0, 20);
    long early = tomoSeries(series());
    drive(20, 380);
    Set<String> after400 = series();

    // 400 sweeps and 8,000 trainings, every one with fresh ids, stay within the caps
    System.out.printf(
        "tomo series: %d after 20 sweeps, %d after 400 (cap %d)%n",
        early, tomoSeries(after400), allowed);
    assertThat(tomoSeries(after400)).isLessThanOrEqualTo(allowed);
    Set<String> after1000 = after400;
    assertThat(
            registry.find("tomo.sweep.cells").gauges().stream()
                .map(gauge -> gauge.getId().getTag("sweep"))
                .distinct())
        .as("sweeps exposed")
        .hasSize(5);
    assertThat(after1000.stream().filter(s -> s.startsWith("tomo_sweep_cells{")).count())
        .isEqualTo(5 * 4);
    // the newest sweeps are the ones kept
    assertThat(after1000).anyMatch(s -> s.contains("sweep=\"sweep-399\""));
    assertThat(after1000).noneMatch(s -> s.contains("sweep=\"sweep-0\""));
    // unbounded values collapse into "other"; fixed label sets reject strangers
    assertThat(after1000).anyMatch(s -> s.contains("target=\"other\""));
    assertThat(after1000).noneMatch(s -> s.contains("representation=\"seed-"));
    assertThat(after1000).noneMatch(s -> s.contains("metric=\"something-else\""));
    assertThat(after1000).noneMatch(s -> s.contains("mode=\"weird-"));
    // every training ended, so no per-training series are left
    assertThat(after1000).noneMatch(s -> s.startsWith("tomo_training_current_epoch"));
  }

  @Test
  void perTrainingSeriesFollowSlotsAndDisappearWhenTheTrainingEnds() {
    metrics.trainings().slots("training", 2);
    RunningTraining a =
        metrics.trainings().started("training", "structure", "band_gap", null, "mae", 5);
    RunningTraining b =
        metrics.trainings().started("training", "composition", "band_gap", "volume", "mae", 5);
    RunningTraining c =
        metrics.trainings().started("training", "composition", "band_gap", "density", "mae", 5);
    a.epochFinished(3, Duration.ofSeconds(2), 0.4, 0.3, 0.25);

    assertThat(a.slot()).isZero();
    assertThat(b.slot()).isEqualTo(1);
    assertThat(c.slot())
        .as("beyond the configured slots: counted, no per-slot series")
        .isEqualTo(-1);
    String scrape = registry.scrape();
    assertThat(scrape)
        .contains("tomo_training_slots{queue=\"training\",state=\"busy\"} 3.0")
        .contains("tomo_training_slots{queue=\"training\",state=\"free\"} 0.0")
        .contains(
            "tomo_training_current_epoch{metric=\"mae\",property=\"none\",queue=\"training\","
                + "representation=\"structure\",slot=\"0\",target=\"band_gap\"} 3.0")
        .contains("tomo_training_best_validation_metric{metric=\"mae\",property=\"none\"");

    a.finished();
    a.failed(); // ignored: a training ends once
    b.failed();
    c.finished();
    scrape = registry.scrape();
    assertThat(scrape)
        .doesNotContain("tomo_training_current_epoch{")
        .contains("tomo_training_slots{queue=\"training\",state=\"busy\"} 0.0")
        .contains("tomo_training_slots{queue=\"training\",state=\"free\"} 2.0")
        .contains(
            "tomo_trainings_finished_total{queue=\"training\",representation=\"structure\"} 1.0")
        .contains(
            "tomo_trainings_failed_total{queue=\"training\",representation=\"composition\"} 1.0");
    // a freed slot is reused
    assertThat(metrics.trainings().started("training", "structure", "x", null, "mae", 1).slot())
        .isZero();
  }

  @Test
  void firstEtaFixesThePlannedFinish() {
    metrics.sweeps().eta("s", Double.NaN); // unknown yet: nothing exposed
    assertThat(registry.scrape()).doesNotContain("tomo_sweep_eta_seconds{");
    metrics.sweeps().eta("s", 100);
    double planned = registry.get("tomo.sweep.planned.finish.timestamp").gauge().value();
    metrics.sweeps().eta("s", 5000);
    assertThat(registry.get("tomo.sweep.eta").gauge().value()).isEqualTo(5000);
    assertThat(registry.get("tomo.sweep.planned.finish.timestamp").gauge().value())
        .isEqualTo(planned);
    assertThat(planned).isGreaterThan(System.currentTimeMillis() / 1000.0 - 10);
  }

  @Test
  void unknownCellStateIsRejected() {
    assertThatThrownBy(() -> metrics.sweeps().cells("s", "paused", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("paused")
        .hasMessageContaining("pending, running, done or failed");
  }
}
