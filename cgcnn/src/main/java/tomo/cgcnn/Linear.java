package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A fully connected layer x·W + b: its weight (in × out, the transpose of PyTorch's) and bias,
 * named {@code NAME.weight} and {@code NAME.bias}.
 */
final class Linear extends Layer {
  private final NDArray weight;
  private final NDArray bias;

  /** PyTorch's nn.Linear default: weight, then bias, uniform in ±1/sqrt(in). */
  Linear(String name, int in, int out, ParameterFactory factory) {
    super(name);
    double bound = 1.0 / Math.sqrt(in);
    this.weight = factory.uniform(bound, in, out);
    this.bias = factory.uniform(bound, out);
  }

  NDArray weight() {
    return weight;
  }

  NDArray bias() {
    return bias;
  }

  NDArray forward(NDArray x) {
    return x.matMul(weight).add(bias);
  }

  @Override
  void addParameters(Map<String, NDArray> into) {
    into.put(qualified("weight"), weight);
    into.put(qualified("bias"), bias);
  }
}
