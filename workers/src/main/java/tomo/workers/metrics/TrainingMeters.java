package tomo.workers.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trainings of this process: how it trains, how many trainings start and how they end, and one
 * series per running training, keyed by worker slot and removed when the training ends.
 *
 * <table>
 *   <caption>Meters (as scraped)</caption>
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
 * </table>
 *
 * <p>Thread-safe.
 */
public final class TrainingMeters {
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
  private final BoundedLabel targets;
  private final BoundedLabel properties;
  private final BoundedLabel representations;
  private final BoundedLabel queues = BoundedLabel.firstSeen("queue", 8);
  private final BoundedLabel metrics = BoundedLabel.of("metric", "mae", "error_rate");
  private final Map<String, QueueSlots> slots = new ConcurrentHashMap<>();

  TrainingMeters(
      MeterRegistry registry,
      BoundedLabel targets,
      BoundedLabel properties,
      BoundedLabel representations) {
    this.registry = registry;
    this.targets = targets;
    this.properties = properties;
    this.representations = representations;
  }

  /**
   * Declares how this process trains: {@code concurrency} trainings at once with {@code
   * threadsPerTraining} intra-op threads each (what {@code --concurrency auto} chose).
   */
  public void layout(String queue, int concurrency, int threadsPerTraining) {
    slots(queue, concurrency);
    String q = queues.value(queue);
    CellGauge.register(
        registry,
        "tomo.training.concurrency",
        null,
        Tags.of("queue", q),
        new double[] {concurrency},
        "Trainings this process runs at once");
    CellGauge.register(
        registry,
        "tomo.training.threads.per.training",
        null,
        Tags.of("queue", q),
        new double[] {threadsPerTraining},
        "libtorch intra-op threads of each training of this process");
  }

  /**
   * Declares that this process trains on {@code queue} with {@code slotCount} concurrent slots, so
   * busy and free slots are exposed from now on.
   */
  void slots(String queue, int slotCount) {
    if (slotCount < 0) {
      throw new IllegalArgumentException("slotCount must be >= 0, got " + slotCount);
    }
    queueSlots(queue).capacity = slotCount;
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
  public RunningTraining started(
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

  void ended(RunningTraining training, boolean failed) {
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

  Meter gauge(String name, String unit, Tags tags, double[] cell, String help) {
    return CellGauge.register(registry, name, unit, tags, cell, help);
  }

  /** Unix time in seconds by the registry's clock. */
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

  private Counter counter(String name, String help, Tags tags) {
    return Counter.builder(name).description(help).tags(tags).register(registry);
  }
}
