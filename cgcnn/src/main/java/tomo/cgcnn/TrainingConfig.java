package tomo.cgcnn;

import java.util.Objects;
import tomo.materials.graph.GraphMode;

/**
 * Everything that decides the outcome of one CGCNN training (besides the data).
 *
 * @param target the property predicted (a dataset column name, e.g. "band_gap")
 * @param extraProperty the property concatenated to the pooled crystal vector, or null for a
 *     baseline without extra input
 * @param extraMasked the paper's literal baseline: the extra input is present but always zero (only
 *     with an extra property)
 * @param mode the graph representation the data was built with
 * @param seed the split and initialisation seed; baseline and augmented trainings of one seed share
 *     the split
 * @param epochs epochs to train (the paper: 500)
 * @param batchSize crystals per step (the paper: 256)
 * @param optimizer SGD (paper) or Adam
 * @param learningRate initial learning rate (the paper: 0.01)
 * @param momentum SGD momentum (the paper: 0.9); ignored by Adam
 * @param milestoneEpoch 0-based epoch from which the learning rate is multiplied by 0.1 (the paper:
 *     100)
 * @param shape network widths
 * @param threads intra-op threads of the engine; 0 leaves the engine's default
 * @param useGpu put every tensor on the first GPU when the engine has one
 * @param patience stop after this many epochs without a better validation metric; null trains every
 *     epoch (the paper's protocol)
 */
public record TrainingConfig(
    String target,
    String extraProperty,
    boolean extraMasked,
    GraphMode mode,
    long seed,
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    double momentum,
    int milestoneEpoch,
    NetworkShape shape,
    int threads,
    boolean useGpu,
    Integer patience) {

  public TrainingConfig {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(shape, "shape");
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0) || threads < 0) {
      throw new IllegalArgumentException(
          "training needs epochs >= 1, batch size >= 1, learning rate > 0, threads >= 0");
    }
    if (patience != null && patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
    if (extraMasked && extraProperty == null) {
      throw new IllegalArgumentException("a masked extra input needs an extra property");
    }
  }

  /** The paper's hyper-parameters: SGD lr 0.01 momentum 0.9, batch 256, ×0.1 at epoch 100. */
  public static TrainingConfig paper(
      String target, String extraProperty, GraphMode mode, long seed, int epochs) {
    return new TrainingConfig(
        target,
        extraProperty,
        false,
        mode,
        seed,
        epochs,
        256,
        OptimizerKind.SGD,
        0.01,
        0.9,
        100,
        NetworkShape.PAPER,
        0,
        false,
        null);
  }

  public TrainingConfig withEpochs(int value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        value,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        shape,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withBatchSize(int value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        value,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        shape,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withOptimizer(OptimizerKind kind, double lr) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        kind,
        lr,
        momentum,
        milestoneEpoch,
        shape,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withShape(NetworkShape value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        value,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withThreads(int value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        shape,
        value,
        useGpu,
        patience);
  }

  /** These settings with SGD momentum {@code value} (a sweep's spec may change the paper's 0.9). */
  public TrainingConfig withMomentum(double value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        value,
        milestoneEpoch,
        shape,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withMilestone(int value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        value,
        shape,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withExtraMasked(boolean value) {
    return new TrainingConfig(
        target,
        extraProperty,
        value,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        shape,
        threads,
        useGpu,
        patience);
  }

  public TrainingConfig withGpu(boolean value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        shape,
        threads,
        value,
        patience);
  }

  public TrainingConfig withPatience(Integer value) {
    return new TrainingConfig(
        target,
        extraProperty,
        extraMasked,
        mode,
        seed,
        epochs,
        batchSize,
        optimizer,
        learningRate,
        momentum,
        milestoneEpoch,
        shape,
        threads,
        useGpu,
        value);
  }
}
