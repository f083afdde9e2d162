package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Records autograd history on the calling thread only, for one step of one training.
 *
 * <p>DJL's {@code PtGradientCollector} refuses a second collector anywhere in the process (a static
 * flag), which made a worker with two training slots fail every other step. libtorch needs no such
 * guard: its grad mode ({@code c10::GradMode}) is a thread-local flag, and a backward pass walks
 * only the graph of the tensor it starts from, accumulating into the leaves of that graph.
 * Trainings that share no tensor therefore record and differentiate independently, each on its own
 * thread; {@code ConcurrentTrainingTest} checks that a training run beside others is bit-identical
 * to the same training run alone, and {@code GradientCheckTest} checks gradients while another
 * training runs.
 */
final class GradientRecording implements AutoCloseable {
  private final boolean wasRecording;

  /** Switches recording on for this thread until {@link #close()}. */
  GradientRecording() {
    wasRecording = JniUtils.isGradMode();
    JniUtils.setGradMode(true);
  }

  /** Back-propagates a scalar {@code loss}, adding to the gradients of the leaves it depends on. */
  void backward(NDArray loss) {
    try (NDArray seed = loss.onesLike()) {
      JniUtils.backward((PtNDArray) loss, (PtNDArray) seed, false, false);
    }
  }

  @Override
  public void close() {
    JniUtils.setGradMode(wasRecording);
  }
}
