package tomo.hyper;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;

/** Where the z-scores of a training's numeric target and numeric extra input come from. */
public enum Scaling implements Labelled {
  /** The training split's mean and population standard deviation (tomo's). */
  TRAIN,
  /**
   * The mean and sample standard deviation (ddof 1) of every row the training may use, before the
   * split: the paper's column statistics.
   */
  DATASET;

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
    return Labelled.parse(Scaling.class, label);
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labelled.labels(Scaling.class);
  }
}
