package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;

/**
 * When a cell (target, property, representation) counts as significant: the property lowers the
 * test error. A report computes every rule for every cell and shows them side by side; the spec's
 * {@code rule} names the primary one, whose list is Table 1's "significant". Every rule needs a
 * complete cell: at least two seeds, and every seed of the sweep with both its trainings.
 */
public enum SignificanceRule {
  /** tomo's paired rule: every seed's change is below zero (the largest change is below 0). */
  PAIRED("paired"),
  /** The paired 95 % t-interval of the mean change over seeds lies wholly below zero. */
  INTERVAL("interval"),
  /**
   * The paper's plot script: the bar's upper bound 100 · (max aug − min base) / min base over the
   * seeds is below zero, i.e. the worst augmented seed beats the best baseline seed, unpaired.
   */
  PAPER_BOUNDS("paper-bounds");

  /** The rule of a spec that names none. */
  public static final SignificanceRule DEFAULT = PAIRED;

  private final String label;

  SignificanceRule(String label) {
    this.label = label;
  }

  /** The name specs, stored JSON, CSV columns and the command line use. */
  @JsonValue
  public String label() {
    return label;
  }

  @Override
  public String toString() {
    return label;
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(SignificanceRule::label).toList();
  }

  /**
   * The rule named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static SignificanceRule of(String label) {
    for (SignificanceRule r : values()) {
      if (r.label.equals(label)) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "'" + label + "' is not one of " + String.join(", ", labels()));
  }
}
