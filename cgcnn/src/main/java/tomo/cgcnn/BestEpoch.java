package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The best-validation epoch of a training so far: its validation and test metrics and a copy of the
 * network's weights at its end (what {@code best.ndlist} holds and a fine-tuning starts from).
 */
final class BestEpoch {
  private final Map<String, NDArray> model;
  private final Map<String, NDArray> weights = new LinkedHashMap<>();
  private boolean weightsHeld;
  private double valMetric = Double.POSITIVE_INFINITY;
  private int epoch;
  private double testMetric = Double.NaN;

  /**
   * @param model the network's live weights by name ({@link CgcnnNetwork#weights()})
   */
  BestEpoch(Map<String, NDArray> model) {
    this.model = model;
    model.forEach((name, t) -> weights.put(name, t.duplicate()));
  }

  /** Whether an epoch that scored {@code val} is the best so far (the first one always is). */
  boolean improvedBy(double val) {
    return val < valMetric || epoch == 0;
  }

  /** Makes 1-based {@code epoch} the best, keeping a copy of the network's weights now. */
  void record(int epoch, double val, double test) {
    this.valMetric = val;
    this.epoch = epoch;
    this.testMetric = test;
    model.forEach((name, t) -> t.copyTo(weights.get(name)));
    weightsHeld = true;
  }

  /**
   * The best epoch of a checkpoint (its weights, when it kept them, by {@link #restoreWeights}).
   */
  void restore(int epoch, double val, double test) {
    this.valMetric = val;
    this.epoch = epoch;
    this.testMetric = test;
  }

  /** The best weights a checkpoint kept, by name ({@code file} names it in errors). */
  void restoreWeights(NDList kept, Path file) {
    CheckpointStore.copyNamed(kept, weights, file, null);
    weightsHeld = true;
  }

  /** 1-based; 0 before the first epoch. */
  int epoch() {
    return epoch;
  }

  double valMetric() {
    return valMetric;
  }

  double testMetric() {
    return testMetric;
  }

  /**
   * The weights at the best epoch; empty when none are known (before the first epoch, or resumed
   * from a checkpoint written before they were kept and not improved on since).
   */
  Optional<Map<String, NDArray>> weights() {
    return weightsHeld ? Optional.of(Collections.unmodifiableMap(weights)) : Optional.empty();
  }
}
