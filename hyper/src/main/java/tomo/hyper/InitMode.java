package tomo.hyper;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/**
 * How a network with an extra input starts against its baseline (the same seed without the extra
 * input), and in which order it visits its batches (spec key {@code hyper.init}); spelled by {@link
 * #label()} in specs, stored JSON, on the command line and in checkpoint fingerprints.
 */
public enum InitMode implements Labelled {
  /**
   * Tight pairs (tomo's default): every parameter the baseline has is drawn from the same seeded
   * stream in the same order, the extra input's weights are zero, and each epoch's order is the
   * baseline's with the rows the augmented training lacks left out. At step 0 both networks compute
   * the same function, so a difference in the end can only come from the added information.
   */
  TIGHT,
  /**
   * The paper's code: the augmented network is a network of its own. Its weights (one hidden layer
   * over [pooled, extra], extra rows drawn like the others) and its batch order come from a stream
   * seeded by the seed mixed with the extra property's name, so it starts neither as its baseline
   * nor as another property's network, and is still the same for the same (seed, property). A
   * baseline (no extra property) starts as under {@link #TIGHT}.
   */
  INDEPENDENT;

  @Override
  public String toString() {
    return label();
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labelled.labels(InitMode.class);
  }

  /**
   * The mode named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static InitMode of(String label) {
    return Labelled.parse(InitMode.class, label);
  }
}
