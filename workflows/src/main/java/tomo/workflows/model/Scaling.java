package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** Where the z-scores of a training's numeric target and numeric extra input come from. */
public enum Scaling {
  /** The training split's mean and population standard deviation (tomo's). */
  TRAIN,
  /**
   * The mean and standard deviation (ddof 1) of every row the sweep keeps, before the split: the
   * paper's column statistics.
   */
  DATASET;

  /** The name specs and stored JSON use: {@code train}, {@code dataset}. */
  @JsonValue
  public String label() {
    return Labels.of(this);
  }

  @Override
  public String toString() {
    return label();
  }

  /**
   * The scaling named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static Scaling of(String label) {
    return Labels.parse(Scaling.class, label);
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labels.all(Scaling.class);
  }
}
