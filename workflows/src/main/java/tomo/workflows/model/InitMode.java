package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * How a training with an extra property starts against its baseline (spec key {@code hyper.init}),
 * spelled by {@link #label()} in specs, stored JSON and on the command line.
 */
public enum InitMode {
  /**
   * tomo's default: the augmented network starts as its baseline (the same draws, the extra input's
   * weights zero, the same batch order), so a difference in the end comes from the property alone.
   */
  TIGHT,
  /**
   * The paper's code: baseline and augmented network start independently; the augmented network's
   * initial weights and batch order come from a stream of its own, the seed mixed with the
   * property's name (still the same for the same seed and property).
   */
  INDEPENDENT;

  /** The name specs and stored JSON use: {@code tight}, {@code independent}. */
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
    return Labels.all(InitMode.class);
  }

  /**
   * The mode named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static InitMode of(String label) {
    return Labels.parse(InitMode.class, label);
  }
}
