package tomo.activities.training;

import java.util.OptionalInt;

/**
 * One place for one training at a time in a worker: a device and the intra-op threads the training
 * gets there.
 *
 * @param index 0-based, unique within the worker
 * @param gpu the CUDA device id, empty for the CPU
 * @param threads libtorch intra-op threads of the training
 */
public record TrainingSlot(int index, OptionalInt gpu, int threads) {
  public TrainingSlot {
    if (index < 0 || threads < 1) {
      throw new IllegalArgumentException(
          "slot index must be >= 0 and threads >= 1, got " + index + ", " + threads);
    }
  }

  /** {@code cpu} or {@code gpu:N}. */
  public String device() {
    return gpu.isPresent() ? "gpu:" + gpu.getAsInt() : "cpu";
  }
}
