package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.LinkedHashMap;
import java.util.Map;
import tomo.hyper.Optimizer;

/**
 * SGD with momentum or Adam over the network's parameters, with PyTorch's update rules so that
 * results compare with the reference implementation. Its state (momentum buffers, Adam moments,
 * step count) is part of every checkpoint.
 */
final class ParameterOptimizer {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double ADAM_EPS = 1e-8;

  private final Optimizer kind;
  private final double momentum;
  private final Map<String, NDArray> parameters;
  private final Map<String, NDArray> state = new LinkedHashMap<>();
  private long steps;

  ParameterOptimizer(Optimizer kind, double momentum, Map<String, NDArray> parameters) {
    this.kind = kind;
    this.momentum = momentum;
    this.parameters = parameters;
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      if (kind == Optimizer.SGD) {
        state.put(e.getKey() + ".momentum", p.zerosLike());
      } else {
        state.put(e.getKey() + ".adam_m", p.zerosLike());
        state.put(e.getKey() + ".adam_v", p.zerosLike());
      }
    }
  }

  /** Tensors to checkpoint, by name. */
  Map<String, NDArray> state() {
    return state;
  }

  long steps() {
    return steps;
  }

  void restoreSteps(long value) {
    steps = value;
  }

  /** One update with the gradients of the last backward pass; gradients are zeroed after. */
  void step(double learningRate) {
    steps++;
    for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
      NDArray p = e.getValue();
      try (NDArray g = p.getGradient()) {
        if (kind == Optimizer.SGD) {
          // PyTorch: buf = momentum·buf + g; p -= lr·buf (first step: buf = g)
          NDArray buf = state.get(e.getKey() + ".momentum");
          buf.muli(momentum).addi(g);
          try (NDArray delta = buf.mul(learningRate)) {
            p.subi(delta);
          }
        } else {
          NDArray m = state.get(e.getKey() + ".adam_m");
          NDArray v = state.get(e.getKey() + ".adam_v");
          m.muli(BETA1);
          try (NDArray t = g.mul(1 - BETA1)) {
            m.addi(t);
          }
          v.muli(BETA2);
          try (NDArray t = g.square().muli(1 - BETA2)) {
            v.addi(t);
          }
          double c1 = 1 - Math.pow(BETA1, steps);
          double c2 = 1 - Math.pow(BETA2, steps);
          // p -= lr/c1 · m / (sqrt(v/c2) + eps)
          try (NDArray vHat = v.div(c2);
              NDArray root = vHat.sqrt();
              NDArray delta = m.mul(learningRate / c1)) {
            root.addi(ADAM_EPS);
            delta.divi(root);
            p.subi(delta);
          }
        }
        JniUtils.zeroGrad((PtNDArray) p);
      }
    }
  }
}
