package tomo.workers.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import tomo.workflows.model.Representation;

/**
 * tomo's own meters on one registry, in three parts the rest of tomo reports through: {@link
 * #sweeps()}, {@link #trainings()} and {@link #preparation()}; each part lists its meters.
 *
 * <p>Names follow Prometheus conventions once Micrometer renders them: base units in the name
 * ({@code _seconds}), counters end in {@code _total}. Every label is bounded: representations and
 * metrics are fixed sets, queues/targets/properties admit a capped number of distinct values (then
 * {@code other}), per-training series are keyed by worker slot and removed when the training ends,
 * and only the {@code maxSweeps} most recently updated sweeps are exposed.
 *
 * <p>Thread-safe; one instance per process.
 */
public final class TomoMetrics {
  /** How many sweeps keep their series at most; older ones are dropped from the registry. */
  public static final int DEFAULT_MAX_SWEEPS = 20;

  private final SweepMeters sweeps;
  private final TrainingMeters trainings;
  private final PreparationMeters preparation;

  /** tomo's meters on {@code registry}, keeping at most {@code maxSweeps} sweeps' series. */
  public TomoMetrics(MeterRegistry registry, int maxSweeps) {
    Objects.requireNonNull(registry, "registry");
    if (maxSweeps < 1) {
      throw new IllegalArgumentException("maxSweeps must be at least 1, got " + maxSweeps);
    }
    // sweeps and trainings share these caps: a target or property counts once, whoever saw it
    BoundedLabel representations =
        BoundedLabel.of("representation", Representation.labels().toArray(String[]::new));
    BoundedLabel targets = BoundedLabel.firstSeen("target", 32);
    BoundedLabel properties = BoundedLabel.firstSeen("property", 64);
    this.sweeps = new SweepMeters(registry, maxSweeps, targets, properties, representations);
    this.trainings = new TrainingMeters(registry, targets, properties, representations);
    this.preparation = new PreparationMeters(registry);
  }

  /** tomo's meters on {@code registry}, keeping {@link #DEFAULT_MAX_SWEEPS} sweeps. */
  public TomoMetrics(MeterRegistry registry) {
    this(registry, DEFAULT_MAX_SWEEPS);
  }

  /**
   * A Prometheus registry as every tomo process uses it: Temporal's histograms trimmed (see {@link
   * TemporalMetrics#histogramTrimming()}), and JVM memory, threads, CPU and uptime bound.
   */
  public static PrometheusMeterRegistry newPrometheusRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // filters apply only to meters registered after them, so they go first
    registry.config().meterFilter(TemporalMetrics.histogramTrimming());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  /** Sweep progress, as the sweep workflows report it. */
  public SweepMeters sweeps() {
    return sweeps;
  }

  /** The trainings this process runs. */
  public TrainingMeters trainings() {
    return trainings;
  }

  /** Preparation times; pass it to a trainer as its preparation listener. */
  public PreparationMeters preparation() {
    return preparation;
  }
}
