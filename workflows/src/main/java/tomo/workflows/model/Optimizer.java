package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** The optimizer of a training, spelled by {@link #label()} in specs and stored JSON. */
public enum Optimizer {
  /** Stochastic gradient descent with momentum: the paper's. */
  SGD,
  /** Adam, CGCNN's alternative. */
  ADAM;

  /**
   * The learning rate a training takes when none is given: 0.01 for both, the paper's value (the
   * reference CGCNN code applies its single default to Adam too).
   */
  public double defaultLearningRate() {
    return 0.01;
  }

  /** The name specs and stored JSON use: {@code sgd}, {@code adam}. */
  @JsonValue
  public String label() {
    return Labels.of(this);
  }

  @Override
  public String toString() {
    return label();
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labels.all(Optimizer.class);
  }

  /**
   * The optimizer named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static Optimizer of(String label) {
    return Labels.parse(Optimizer.class, label);
  }
}
