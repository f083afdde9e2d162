package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

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
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(Optimizer::label).toList();
  }

  /**
   * The optimizer named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static Optimizer of(String label) {
    for (Optimizer o : values()) {
      if (o.label().equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "'" + label + "' is not one of " + String.join(", ", labels()));
  }
}
