package tomo.hyper;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * The optimizer of a training, spelled by {@link #label()} in specs, stored JSON and on the command
 * line.
 */
public enum Optimizer implements Labelled {
  /** Stochastic gradient descent with (PyTorch-style) momentum: the paper's. */
  SGD,
  /** Adam (β1 0.9, β2 0.999, ε 1e-8), CGCNN's alternative. */
  ADAM;

  /**
   * The learning rate a training takes when none is given, for either optimizer: the paper's value
   * (the reference CGCNN code applies its single default to Adam too).
   */
  public static final double DEFAULT_LEARNING_RATE = 0.01;

  /** The learning rate a training with this optimizer takes when none is given. */
  public double defaultLearningRate() {
    return DEFAULT_LEARNING_RATE;
  }

  @Override
  public String toString() {
    return label();
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labelled.labels(Optimizer.class);
  }

  /**
   * The optimizer named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static Optimizer of(String label) {
    return Labelled.parse(Optimizer.class, label);
  }
}
