package tomo.workers.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tomo.activities.training.PreparationListener;
import tomo.workflows.model.Representation;

/**
 * tomo's own meters, and the small API the rest of tomo reports through.
 *
 * <p>Names follow Prometheus conventions once Micrometer renders them: base units in the name
 * ({@code _seconds}), counters end in {@code _total}. Every label is bounded: representations and
 * metrics are fixed sets, queues/targets/properties admit a capped number of distinct values (then
 * {@code other}), per-training series are keyed by worker slot and removed when the training ends,
 * and only the {@code maxSweeps} most recently updated sweeps are exposed.
 *
 * <table>
 *   <caption>Meters (as scraped)</caption>
 *   <tr><td>{@code tomo_sweep_cells{sweep,state}}</td><td>cells pending/running/done/failed</td></tr>
 *   <tr><td>{@code tomo_sweep_eta_seconds{sweep}}</td><td>estimated seconds left</td></tr>
 *   <tr><td>{@code tomo_sweep_planned_finish_timestamp_seconds{sweep}}</td>
 *       <td>Unix time the first ETA promised (alerting: sweep past its ETA)</td></tr>
 *   <tr><td>{@code tomo_sweep_mean_delta_percent{sweep,target,property,representation}}</td>
 *       <td>heatmap so far: mean %Δ of the test metric over finished seeds</td></tr>
 *   <tr><td>{@code tomo_trainings_started_total|finished_total|failed_total{queue,representation}}</td>
 *       <td>trainings by outcome</td></tr>
 *   <tr><td>{@code tomo_training_epoch_duration_seconds{queue,representation}}</td>
 *       <td>histogram of epoch wall time</td></tr>
 *   <tr><td>{@code tomo_training_current_epoch}, {@code tomo_training_total_epochs},
 *       {@code tomo_training_train_loss}, {@code tomo_training_validation_metric},
 *       {@code tomo_training_best_validation_metric},
 *       {@code tomo_training_last_progress_timestamp_seconds}
 *       {@code {queue,slot,target,property,representation,metric}}</td>
 *       <td>one series per running training</td></tr>
 *   <tr><td>{@code tomo_training_slots{queue,state}}</td><td>training slots busy/free</td></tr>
 *   <tr><td>{@code tomo_training_concurrency{queue}},
 *       {@code tomo_training_threads_per_training{queue}}</td>
 *       <td>trainings at once and intra-op threads of each</td></tr>
 *   <tr><td>{@code tomo_dataset_build_duration_seconds},
 *       {@code tomo_graph_cache_build_duration_seconds{mode,outcome}}</td>
 *       <td>preparation time (count, sum, max)</td></tr>
 * </table>
 *
 * <p>Thread-safe; one instance per process.
 */
public final class TomoMetrics {
  /** How many sweeps keep their series at most; older ones are dropped from the registry. */
  public static final int DEFAULT_MAX_SWEEPS = 20;

  /** Per-slot series of trainings beyond this many concurrent trainings per queue are not kept. */
  static final int MAX_SLOTS_PER_QUEUE = 64;

  /**
   * Epoch durations in seconds that the histogram keeps buckets for: CPU minutes to GPU seconds.
   */
  private static final Duration[] EPOCH_BUCKETS = {
    Duration.ofMillis(100),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(2),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
    Duration.ofSeconds(30),
    Duration.ofMinutes(1),
    Duration.ofMinutes(2),
    Duration.ofMinutes(5),
    Duration.ofMinutes(10),
    Duration.ofMinutes(30),
    Duration.ofHours(1)
  };

  private final MeterRegistry registry;
  private final int maxSweeps;

  private final BoundedLabel queues = BoundedLabel.firstSeen("queue", 8);
  private final BoundedLabel representations =
      BoundedLabel.of("representation", Representation.labels().toArray(String[]::new));
  private final BoundedLabel targets = BoundedLabel.firstSeen("target", 32);
  private final BoundedLabel properties = BoundedLabel.firstSeen("property", 64);
  private final BoundedLabel metrics = BoundedLabel.of("metric", "mae", "error_rate");
  private final BoundedLabel states =
      BoundedLabel.of("state", "pending", "running", "done", "failed");
  private final BoundedLabel graphModes =
      BoundedLabel.of("mode", Representation.labels().toArray(String[]::new));

  /** Access-ordered, so the first entry is the sweep updated longest ago. */
  private final LinkedHashMap<String, SweepSeries> sweeps = new LinkedHashMap<>(16, 0.75f, true);

  private final Map<String, QueueSlots> slots = new ConcurrentHashMap<>();

  /** tomo's meters on {@code registry}, keeping at most {@code maxSweeps} sweeps' series. */
  public TomoMetrics(MeterRegistry registry, int maxSweeps) {
    this.registry = Objects.requireNonNull(registry, "registry");
    if (maxSweeps < 1) {
      throw new IllegalArgumentException("maxSweeps must be at least 1, got " + maxSweeps);
    }
    this.maxSweeps = maxSweeps;
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

  /** The registry the meters live on. */
  public MeterRegistry registry() {
    return registry;
  }

  // ---------------------------------------------------------------- sweeps

  /** Sets how many cells of {@code sweepId} are pending, running, done and failed. */
  public void sweepCells(String sweepId, int pending, int running, int done, int failed) {
    synchronized (sweeps) {
      SweepSeries sweep = sweep(sweepId);
      sweep.cells.get("pending")[0] = pending;
      sweep.cells.get("running")[0] = running;
      sweep.cells.get("done")[0] = done;
      sweep.cells.get("failed")[0] = failed;
    }
  }

  /** Sets the cells of {@code sweepId} in one {@code state} (pending, running, done, failed). */
  public void sweepCells(String sweepId, String state, double count) {
    String bounded = states.value(state);
    if (BoundedLabel.OTHER.equals(bounded)) {
      throw new IllegalArgumentException(
          "unknown cell state '" + state + "', expected pending, running, done or failed");
    }
    synchronized (sweeps) {
      sweep(sweepId).cells.get(bounded)[0] = count;
    }
  }

  /**
   * Sets the estimated seconds until {@code sweepId} finishes. The first estimate also fixes the
   * sweep's planned finish time, which the "sweep past its ETA" alert compares against.
   */
  public void sweepEta(String sweepId, double etaSeconds) {
    if (!(etaSeconds >= 0)) {
      return; // not known yet
    }
    synchronized (sweeps) {
      SweepSeries sweep = sweep(sweepId);
      if (Double.isNaN(sweep.eta[0])) {
        Tags tags = Tags.of("sweep", sweepId);
        sweep.meters.add(
            gauge(
                "tomo.sweep.eta",
                "seconds",
                tags,
                sweep.eta,
                "Estimated seconds until the sweep finishes"));
        sweep.plannedFinish[0] = wallSeconds() + etaSeconds;
        sweep.meters.add(
            gauge(
                "tomo.sweep.planned.finish.timestamp",
                "seconds",
                tags,
                sweep.plannedFinish,
                "Unix time at which the sweep's first ETA said it would finish"));
      }
      sweep.eta[0] = etaSeconds;
    }
  }

  /** Sets one heatmap cell so far: the mean %Δ of the test metric over the finished seeds. */
  public void sweepMeanDelta(
      String sweepId, String target, String property, String representation, double percent) {
    Tags tags =
        Tags.of(
            "sweep",
            sweepId,
            "target",
            targets.value(target),
            "property",
            properties.value(property),
            "representation",
            representations.value(representation));
    synchronized (sweeps) {
      SweepSeries sweep = sweep(sweepId);
      double[] cell = sweep.deltas.get(tags);
      if (cell == null) {
        cell = new double[] {percent};
        sweep.deltas.put(tags, cell);
        sweep.meters.add(
            gauge(
                "tomo.sweep.mean.delta",
                "percent",
                tags,
                cell,
                "Mean over finished seeds of the test metric's change from the baseline, percent"));
      }
      cell[0] = percent;
    }
  }

  /** Convenience: all of a sweep's progress numbers at once ({@code etaSeconds} NaN if unknown). */
  public void sweepProgress(
      String sweepId, int pending, int running, int done, int failed, double etaSeconds) {
    sweepCells(sweepId, pending, running, done, failed);
    sweepEta(sweepId, etaSeconds);
  }

  /** How many sweeps have series now (at most {@code maxSweeps}). */
  public int sweepsExposed() {
    synchronized (sweeps) {
      return sweeps.size();
    }
  }

  private SweepSeries sweep(String sweepId) {
    Objects.requireNonNull(sweepId, "sweepId");
    SweepSeries sweep = sweeps.get(sweepId);
    if (sweep != null) {
      return sweep;
    }
    Iterator<Map.Entry<String, SweepSeries>> oldest = sweeps.entrySet().iterator();
    while (sweeps.size() >= maxSweeps && oldest.hasNext()) {
      oldest.next().getValue().meters.forEach(registry::remove);
      oldest.remove();
    }
    sweep = new SweepSeries();
    for (String state : List.of("pending", "running", "done", "failed")) {
      double[] cell = {0};
      sweep.cells.put(state, cell);
      sweep.meters.add(
          gauge(
              "tomo.sweep.cells",
              null,
              Tags.of("sweep", sweepId, "state", state),
              cell,
              "Cells of the sweep in each state"));
    }
    sweeps.put(sweepId, sweep);
    return sweep;
  }

  private static final class SweepSeries {
    final Map<String, double[]> cells = new HashMap<>();
    final double[] eta = {Double.NaN};
    final double[] plannedFinish = {Double.NaN};
    final Map<Tags, double[]> deltas = new HashMap<>();
    final List<Meter> meters = new ArrayList<>();
  }

  // ---------------------------------------------------------------- trainings

  /**
   * Declares that this process trains on {@code queue} with {@code slotCount} concurrent slots, so
   * busy and free slots are exposed from now on.
   */
  public void trainingSlots(String queue, int slotCount) {
    if (slotCount < 0) {
      throw new IllegalArgumentException("slotCount must be >= 0, got " + slotCount);
    }
    queueSlots(queue).capacity = slotCount;
  }

  /**
   * Declares how this process trains: {@code concurrency} trainings at once with {@code
   * threadsPerTraining} intra-op threads each (what {@code --concurrency auto} chose).
   */
  public void trainingLayout(String queue, int concurrency, int threadsPerTraining) {
    trainingSlots(queue, concurrency);
    String q = queues.value(queue);
    gauge(
        "tomo.training.concurrency",
        null,
        Tags.of("queue", q),
        new double[] {concurrency},
        "Trainings this process runs at once");
    gauge(
        "tomo.training.threads.per.training",
        null,
        Tags.of("queue", q),
        new double[] {threadsPerTraining},
        "libtorch intra-op threads of each training of this process");
  }

  /**
   * Records the start of a training and returns the handle its progress is reported through.
   *
   * @param queue the task queue the training activity came from
   * @param representation structure or composition
   * @param target the predicted property
   * @param property the added property, null for a baseline
   * @param metric mae or error_rate (the validation metric's kind)
   * @param totalEpochs epochs the training will run
   */
  public RunningTraining trainingStarted(
      String queue,
      String representation,
      String target,
      String property,
      String metric,
      int totalEpochs) {
    String q = queues.value(queue);
    String rep = representations.value(representation);
    Tags outcomeTags = Tags.of("queue", q, "representation", rep);
    counter("tomo.trainings.started", "Trainings started (attempts)", outcomeTags).increment();
    // the outcome counters exist from the first start, so rate() and increase() read 0, not nothing
    counter("tomo.trainings.finished", "Trainings that completed", outcomeTags);
    counter("tomo.trainings.failed", "Training attempts that failed", outcomeTags);
    QueueSlots queueSlots = queueSlots(q);
    int slot = queueSlots.acquire();
    Tags trainingTags =
        slot < 0
            ? null
            : outcomeTags.and(
                "slot",
                Integer.toString(slot),
                "target",
                targets.value(target),
                "property",
                property == null ? "none" : properties.value(property),
                "metric",
                metrics.value(metric));
    Timer epochTimer =
        Timer.builder("tomo.training.epoch.duration")
            .description("Wall time of one training epoch")
            .tags(outcomeTags)
            .serviceLevelObjectives(EPOCH_BUCKETS)
            .register(registry);
    return new RunningTraining(
        this, queueSlots, slot, outcomeTags, trainingTags, epochTimer, totalEpochs);
  }

  void trainingEnded(RunningTraining training, boolean failed) {
    if (failed) {
      counter("tomo.trainings.failed", "Training attempts that failed", training.outcomeTags)
          .increment();
    } else {
      counter("tomo.trainings.finished", "Trainings that completed", training.outcomeTags)
          .increment();
    }
    training.meters.forEach(registry::remove);
    training.slots.release(training.slot);
  }

  Meter trainingGauge(String name, String unit, Tags tags, double[] cell, String help) {
    return gauge(name, unit, tags, cell, help);
  }

  double wallSeconds() {
    return registry.config().clock().wallTime() / 1000.0;
  }

  private QueueSlots queueSlots(String queue) {
    String q = queues.value(queue);
    return slots.computeIfAbsent(
        q,
        name -> {
          QueueSlots s = new QueueSlots();
          Gauge.builder("tomo.training.slots", s, QueueSlots::busy)
              .description("Training slots of this process by state")
              .tags("queue", name, "state", "busy")
              .register(registry);
          Gauge.builder("tomo.training.slots", s, QueueSlots::free)
              .description("Training slots of this process by state")
              .tags("queue", name, "state", "free")
              .register(registry);
          return s;
        });
  }

  /** Slots of one queue: which slot indices are taken, and how many the worker was given. */
  static final class QueueSlots {
    private final BitSet taken = new BitSet();
    private int busy;
    volatile int capacity;

    synchronized int acquire() {
      busy++;
      int slot = taken.nextClearBit(0);
      int limit = capacity > 0 ? Math.min(capacity, MAX_SLOTS_PER_QUEUE) : MAX_SLOTS_PER_QUEUE;
      if (slot >= limit) {
        return -1; // counted, but no per-slot series
      }
      taken.set(slot);
      return slot;
    }

    synchronized void release(int slot) {
      busy--;
      if (slot >= 0) {
        taken.clear(slot);
      }
    }

    synchronized double busy() {
      return busy;
    }

    synchronized double free() {
      return Math.max(0, capacity - busy);
    }
  }

  // ---------------------------------------------------------------- preparation

  /** Records how long reading the dataset (CSV and CIFs) took. */
  public void datasetBuilt(Duration duration) {
    Timer.builder("tomo.dataset.build.duration")
        .description("Time to read and parse the dataset")
        .register(registry)
        .record(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Records how long the graph cache took to become ready.
   *
   * @param mode structure or composition
   * @param built true if the graphs were built, false if an existing cache file was loaded
   */
  public void graphCacheBuilt(String mode, boolean built, Duration duration) {
    Timer.builder("tomo.graph.cache.build.duration")
        .description("Time to build or load the crystal graph cache")
        .tags("mode", graphModes.value(mode), "outcome", built ? "built" : "loaded")
        .register(registry)
        .record(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** A listener that records a trainer's preparation times here. */
  public PreparationListener preparationListener() {
    return new PreparationListener() {
      @Override
      public void datasetRead(Duration duration) {
        datasetBuilt(duration);
      }

      @Override
      public void graphCacheReady(String representation, boolean built, Duration duration) {
        graphCacheBuilt(representation, built, duration);
      }
    };
  }

  private Counter counter(String name, String help, Tags tags) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }

  private Meter gauge(String name, String unit, Tags tags, double[] cell, String help) {
    Gauge.Builder<double[]> builder =
        Gauge.builder(name, cell, c -> c[0]).description(help).tags(tags).strongReference(true);
    if (unit != null) {
      builder.baseUnit(unit);
    }
    return builder.register(registry);
  }
}
