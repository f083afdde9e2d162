package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import tomo.hyper.Labelled;

/** What a sweep does with a dataset row that lacks a value of one of its targets or properties. */
public enum IncompleteRows implements Labelled {
  /**
   * Drop it before the split, for every training of the sweep (the paper's {@code dropna}): every
   * training of the sweep sees the same materials, and the report counts the rows dropped.
   */
  DROP,
  /**
   * Keep it wherever its values suffice: each target trains on the rows that have it, and a cell
   * whose property lacks values is compared with a baseline masked to the same rows (never two test
   * errors on different materials in one cell).
   */
  KEEP;

  @Override
  public String toString() {
    return label();
  }

  /**
   * The policy named {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static IncompleteRows of(String label) {
    return Labelled.parse(IncompleteRows.class, label);
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labelled.labels(IncompleteRows.class);
  }
}
