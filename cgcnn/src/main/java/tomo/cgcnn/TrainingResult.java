package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of one training with everything needed to trace it back to how it was made. In JSON
 * ({@code tomo train}'s output, read by the bench scripts) its parts are written as one flat
 * object, as before they were parts.
 *
 * @param config what was trained, and how
 * @param metrics the best validation epoch's metrics
 * @param split materials per part of the split, and those dropped
 * @param data the dataset, graphs and standardization
 * @param environment engine, device and throughput
 * @param history every epoch's progress, including its wall time in seconds
 * @param resumedFromEpoch epochs already done in the checkpoint this run resumed from (0 = fresh)
 * @param stoppedEarly whether the patience rule ended the training before its last epoch
 * @param epochsRun epochs trained in all (the last epoch of {@code history}; less than the config's
 *     epochs when it stopped early)
 */
@JsonPropertyOrder({
  "target",
  "extraProperty",
  "metrics",
  "split",
  "data",
  "config",
  "history",
  "resumedFromEpoch",
  "stoppedEarly",
  "epochsRun",
  "environment"
})
public record TrainingResult(
    TrainingConfig config,
    @JsonUnwrapped TrainingMetrics metrics,
    @JsonUnwrapped TrainingSplit split,
    @JsonUnwrapped DataProvenance data,
    @JsonUnwrapped TrainingEnvironment environment,
    List<EpochProgress> history,
    int resumedFromEpoch,
    boolean stoppedEarly,
    int epochsRun) {

  public TrainingResult {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(environment, "environment");
    history = List.copyOf(history);
  }

  /** The predicted property (the task's). */
  @JsonProperty
  public String target() {
    return config.task().target();
  }

  /** The property given as extra input, or null for a baseline (the task's). */
  @JsonProperty
  public String extraProperty() {
    return config.task().extraProperty();
  }
}
