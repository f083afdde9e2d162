package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The fully connected layer after pooling, where the extra input joins:
 * softplus(W·softplus([pooled, extra]) + b), computed in factored form W_p·softplus(pooled) + b +
 * W_x·(gain·softplus(extra)). With W_x zero the sum is exactly the baseline's, bit for bit (one
 * matrix product over the concatenation may reduce in another order). It holds {@code NAME.weight}
 * (W_p), {@code NAME.bias} and, with an extra input, {@code NAME.extra_weight} (W_x) and the gain.
 */
final class HiddenLayer extends Layer {
  /** The last part of the extra input's weights' name. */
  static final String EXTRA_WEIGHT = "extra_weight";

  private final NDArray weight;
  private final NDArray bias;
  private final Optional<NDArray> extraWeight;
  private final double extraGain;

  private HiddenLayer(
      String name, NDArray weight, NDArray bias, Optional<NDArray> extraWeight, double extraGain) {
    super(name);
    this.weight = weight;
    this.bias = bias;
    this.extraWeight = extraWeight;
    this.extraGain = extraGain;
  }

  /**
   * Tight pairs: the baseline's hidden layer, drawn exactly as without the extra input; the extra
   * rows apart and zero, so that the network starts as the baseline's function, bit for bit.
   */
  static HiddenLayer tight(
      String name, int in, int extraWidth, int out, double extraGain, ParameterFactory factory) {
    Linear baseline = new Linear(name, in, out, factory);
    Optional<NDArray> extra =
        extraWidth > 0 ? Optional.of(factory.zeros(extraWidth, out)) : Optional.empty();
    return new HiddenLayer(name, baseline.weight(), baseline.bias(), extra, extraGain);
  }

  /**
   * The paper's one Linear(in + extra, out): the extra rows are drawn like the others, the weight
   * of all rows first, then the bias.
   */
  static HiddenLayer independent(
      String name, int in, int extraWidth, int out, double extraGain, ParameterFactory factory) {
    double bound = 1.0 / Math.sqrt(in + extraWidth);
    double[] w = factory.draw(bound, (in + extraWidth) * out);
    NDArray weight = factory.create(Arrays.copyOfRange(w, 0, in * out), in, out);
    NDArray bias = factory.uniform(bound, out);
    Optional<NDArray> extra =
        extraWidth > 0
            ? Optional.of(
                factory.create(Arrays.copyOfRange(w, in * out, w.length), extraWidth, out))
            : Optional.empty();
    return new HiddenLayer(name, weight, bias, extra, extraGain);
  }

  /** B × out from the pooled atom vectors (B × in) and the extra input (B × extra width). */
  NDArray forward(NDArray pooled, NDArray extra) {
    NDArray x = pooled.getNDArrayInternal().softPlus().matMul(weight).add(bias);
    if (extraWeight.isPresent()) {
      NDArray fed = extra.getNDArrayInternal().softPlus();
      if (extraGain != 1) {
        fed = fed.mul(extraGain);
      }
      x = x.add(fed.matMul(extraWeight.get()));
    }
    return x.getNDArrayInternal().softPlus();
  }

  @Override
  void addParameters(Map<String, NDArray> into) {
    into.put(qualified("weight"), weight);
    into.put(qualified("bias"), bias);
    extraWeight.ifPresent(w -> into.put(qualified(EXTRA_WEIGHT), w));
  }
}
