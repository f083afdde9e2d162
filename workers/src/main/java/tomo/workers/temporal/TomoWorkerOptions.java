package tomo.workers.temporal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import tomo.activities.airflow.AirflowConfig;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.TrainingLayout;

/**
 * What the workers of one process run: the orchestration queue (sweep workflows, prepare, report),
 * the training queue, or both. Built with {@link #builder()}, which names each setting at its call.
 *
 * @param orchestration the orchestration queue's settings, if this process runs it
 * @param training the training queue's settings, if this process runs it
 * @param disableSticky true with Temporal's Java test server: a killed worker otherwise leaves its
 *     workflows waiting on a dead sticky queue
 */
public record TomoWorkerOptions(
    Optional<Orchestration> orchestration, Optional<Training> training, boolean disableSticky) {

  public TomoWorkerOptions {
    Objects.requireNonNull(orchestration, "orchestration");
    Objects.requireNonNull(training, "training");
  }

  /**
   * The orchestration queue's settings.
   *
   * @param knownProperties names a spec may use as target or property
   * @param defaultDataset the dataset of specs that name none; empty: resolved at run time
   * @param renderHeatmaps whether reports render their heatmaps (false for scale runs, where only
   *     the collection is of interest)
   * @param airflow the Airflow that sweep hooks trigger; empty: no hook activity is registered
   */
  public record Orchestration(
      Set<String> knownProperties,
      Optional<Path> defaultDataset,
      boolean renderHeatmaps,
      Optional<AirflowConfig> airflow) {
    public Orchestration {
      knownProperties = Set.copyOf(knownProperties);
      Objects.requireNonNull(defaultDataset, "defaultDataset");
      Objects.requireNonNull(airflow, "airflow");
    }
  }

  /**
   * The training queue's settings.
   *
   * @param trainer what trains each request
   * @param concurrentTrainings training slots of this process
   * @param threadsPerTraining intra-op threads of each training, where the trainer has them
   * @param device {@code cpu}, or {@code gpu:} and the device ids
   */
  public record Training(
      CellTrainer trainer, int concurrentTrainings, OptionalInt threadsPerTraining, String device) {
    public Training {
      Objects.requireNonNull(trainer, "trainer");
      Objects.requireNonNull(threadsPerTraining, "threadsPerTraining");
      Objects.requireNonNull(device, "device");
      if (concurrentTrainings < 1) {
        throw new IllegalArgumentException(
            "concurrentTrainings must be >= 1, got " + concurrentTrainings);
      }
    }
  }

  /** No queue yet, sticky queues on, reports with heatmaps, no Airflow. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the settings one at a time; {@link #build} validates them. */
  public static final class Builder {
    private Set<String> knownProperties;
    private Path defaultDataset;
    private boolean renderHeatmaps = true;
    private AirflowConfig airflow;
    private CellTrainer trainer;
    private int concurrentTrainings;
    private OptionalInt threadsPerTraining = OptionalInt.empty();
    private String device = "cpu";
    private boolean disableSticky;

    private Builder() {}

    /** Runs the orchestration queue; its specs may use {@code knownProperties}. */
    public Builder orchestration(Set<String> knownProperties) {
      this.knownProperties = Objects.requireNonNull(knownProperties, "knownProperties");
      return this;
    }

    /**
     * The dataset of specs that name none (orchestration only); {@code null} or never set: resolved
     * at run time.
     */
    public Builder defaultDataset(Path dataset) {
      this.defaultDataset = dataset;
      return this;
    }

    /** Whether reports render their heatmaps (orchestration only; default true). */
    public Builder renderHeatmaps(boolean value) {
      this.renderHeatmaps = value;
      return this;
    }

    /**
     * The Airflow that sweep hooks trigger (orchestration only); never set: the worker registers no
     * hook activity.
     */
    public Builder airflow(AirflowConfig config) {
      this.airflow = Objects.requireNonNull(config, "airflow");
      return this;
    }

    /**
     * Runs the training queue with {@code trainer} in {@code concurrentTrainings} slots on the CPU
     * (a trainer without intra-op threads, such as the synthetic one).
     */
    public Builder training(CellTrainer trainer, int concurrentTrainings) {
      this.trainer = Objects.requireNonNull(trainer, "trainer");
      this.concurrentTrainings = concurrentTrainings;
      this.threadsPerTraining = OptionalInt.empty();
      this.device = "cpu";
      return this;
    }

    /** Runs the training queue with {@code trainer} in the slots of {@code layout}. */
    public Builder training(CellTrainer trainer, TrainingLayout layout) {
      training(trainer, layout.concurrency());
      this.threadsPerTraining = OptionalInt.of(layout.threadsPerTraining());
      this.device =
          layout.gpus().isEmpty()
              ? "cpu"
              : "gpu:" + String.join(",", layout.gpus().stream().map(String::valueOf).toList());
      return this;
    }

    /** Disables sticky queues (Temporal's Java test server). */
    public Builder disableSticky(boolean value) {
      this.disableSticky = value;
      return this;
    }

    public TomoWorkerOptions build() {
      return new TomoWorkerOptions(
          knownProperties == null
              ? Optional.empty()
              : Optional.of(
                  new Orchestration(
                      knownProperties,
                      Optional.ofNullable(defaultDataset),
                      renderHeatmaps,
                      Optional.ofNullable(airflow))),
          trainer == null
              ? Optional.empty()
              : Optional.of(new Training(trainer, concurrentTrainings, threadsPerTraining, device)),
          disableSticky);
    }
  }
}
