package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A named part of {@link CgcnnNetwork} that owns tensors: its trained parameters and its running
 * statistics, each named after the layer ({@code conv0.w_self}), which is how the optimizer's
 * state, checkpoints and warm starts find them.
 */
abstract class Layer {
  private final String name; // the prefix of its tensors' names

  Layer(String name) {
    this.name = name;
  }

  /** The full name of the layer's tensor {@code part}. */
  final String qualified(String part) {
    return name + "." + part;
  }

  /** Adds the trained parameters by full name, in the order checkpoints hold them. */
  abstract void addParameters(Map<String, NDArray> into);

  /** Adds the tensors that are not trained but define the function (batch-norm statistics). */
  void addBuffers(Map<String, NDArray> into) {}
}
