package tomo.workers.temporal;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tomo.activities.training.CellTrainer;

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
   */
  public record Orchestration(
      Set<String> knownProperties, Optional<Path> defaultDataset, boolean renderHeatmaps) {
    public Orchestration {
      knownProperties = Set.copyOf(knownProperties);
      Objects.requireNonNull(defaultDataset, "defaultDataset");
    }
  }

  /**
   * The training queue's settings.
   *
   * @param trainer what trains each request
   * @param concurrentTrainings training slots of this process
   */
  public record Training(CellTrainer trainer, int concurrentTrainings) {
    public Training {
      Objects.requireNonNull(trainer, "trainer");
      if (concurrentTrainings < 1) {
        throw new IllegalArgumentException(
            "concurrentTrainings must be >= 1, got " + concurrentTrainings);
      }
    }
  }

  /** No queue yet, sticky queues on, reports with heatmaps. */
  public static Builder builder() {
    return new Builder();
  }

  /** Sets the settings one at a time; {@link #build} validates them. */
  public static final class Builder {
    private Set<String> knownProperties;
    private Path defaultDataset;
    private boolean renderHeatmaps = true;
    private CellTrainer trainer;
    private int concurrentTrainings;
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

    /** Runs the training queue with {@code trainer} in {@code concurrentTrainings} slots. */
    public Builder training(CellTrainer trainer, int concurrentTrainings) {
      this.trainer = Objects.requireNonNull(trainer, "trainer");
      this.concurrentTrainings = concurrentTrainings;
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
                      knownProperties, Optional.ofNullable(defaultDataset), renderHeatmaps)),
          trainer == null
              ? Optional.empty()
              : Optional.of(new Training(trainer, concurrentTrainings)),
          disableSticky);
    }
  }
}
