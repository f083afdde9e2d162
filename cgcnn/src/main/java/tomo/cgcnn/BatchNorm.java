package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * Batch normalization over the channels of a rows × channels tensor: its scale and shift ({@code
 * NAME.gamma}, {@code NAME.beta}, trained) and its running mean and variance ({@code
 * NAME.running_mean}, {@code NAME.running_var}, used in inference and moved by every training
 * step).
 */
final class BatchNorm extends Layer {
  // PyTorch's batch-norm defaults: running stats move 10 % towards each batch, eps 1e-5
  private static final float KEEP = 0.9f; // DJL passes (1 - this) to libtorch as its momentum
  private static final float EPS = 1e-5f;

  private final NDArray gamma;
  private final NDArray beta;
  private final NDArray runningMean;
  private final NDArray runningVar;

  /** Scale 1, shift 0, statistics of a standard normal (PyTorch's start; nothing is drawn). */
  BatchNorm(String name, int channels, ParameterFactory factory) {
    super(name);
    this.gamma = factory.ones(channels);
    this.beta = factory.zeros(channels);
    this.runningMean = factory.zeros(channels);
    this.runningVar = factory.ones(channels);
  }

  /** {@code training}: normalizes with the batch's statistics and moves the running ones. */
  NDArray forward(NDArray x, boolean training) {
    return x.getNDArrayInternal()
        .batchNorm(x, runningMean, runningVar, gamma, beta, 1, KEEP, EPS, training)
        .singletonOrThrow();
  }

  @Override
  void addParameters(Map<String, NDArray> into) {
    into.put(qualified("gamma"), gamma);
    into.put(qualified("beta"), beta);
  }

  @Override
  void addBuffers(Map<String, NDArray> into) {
    into.put(qualified("running_mean"), runningMean);
    into.put(qualified("running_var"), runningVar);
  }
}
