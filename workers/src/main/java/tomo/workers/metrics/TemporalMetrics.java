package tomo.workers.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;
import java.util.Set;

/**
 * Bridges the Temporal SDK's metrics into a process's Micrometer registry.
 *
 * <p>Usage, once per process: {@code WorkflowServiceStubsOptions.newBuilder()
 * .setMetricsScope(TemporalMetrics.scope(registry, tomoMetrics.sweeps(), Duration.ofSeconds(10)))}.
 * The workers, their pollers and {@code Workflow.getMetricsScope()} then report through it.
 */
public final class TemporalMetrics {
  /**
   * The Temporal timers the dashboards draw quantiles of; they keep a short bucket list. Every
   * other Temporal timer is exposed as count, sum and max only: the SDK asks for Micrometer's
   * default percentile histogram (about 70 buckets) on every timer and every tag combination.
   */
  static final Set<String> HISTOGRAMS_KEPT =
      Set.of(
          "temporal_activity_schedule_to_start_latency",
          "temporal_workflow_task_schedule_to_start_latency",
          "temporal_activity_execution_latency");

  private static final double[] LATENCY_BUCKETS_NANOS =
      durationsNanos(
          Duration.ofMillis(5),
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofHours(1));

  private TemporalMetrics() {}

  /**
   * The metrics scope for {@code WorkflowServiceStubsOptions} (or a test environment's options):
   * Temporal's own metrics go to {@code registry}; the sweep gauges workflows report through {@code
   * Workflow.getMetricsScope()} (see {@code tomo.workflows.metrics.SweepMetrics}) go to {@code
   * sweeps}, which keeps their sweep label bounded.
   *
   * @param reportEvery how often buffered counters and gauges are flushed to the registry
   */
  public static Scope scope(MeterRegistry registry, SweepMeters sweeps, Duration reportEvery) {
    return new RootScopeBuilder()
        .reporter(new TomoStatsReporter(new MicrometerClientStatsReporter(registry), sweeps))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(reportEvery.toMillis()));
  }

  /**
   * The filter that trims the SDK's histograms to {@link #HISTOGRAMS_KEPT}. Add it to a registry
   * before any Temporal meter is registered ({@link TomoMetrics#newPrometheusRegistry()} does).
   */
  public static MeterFilter histogramTrimming() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (!id.getName().startsWith("temporal_") || id.getType() != Meter.Type.TIMER) {
          return config;
        }
        DistributionStatisticConfig.Builder trimmed =
            DistributionStatisticConfig.builder().percentilesHistogram(false);
        if (HISTOGRAMS_KEPT.contains(id.getName())) {
          trimmed.serviceLevelObjectives(LATENCY_BUCKETS_NANOS);
        }
        return trimmed.build().merge(config);
      }
    };
  }

  private static double[] durationsNanos(Duration... durations) {
    double[] nanos = new double[durations.length];
    for (int i = 0; i < durations.length; i++) {
      nanos[i] = durations[i].toNanos();
    }
    return nanos;
  }
}
