package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/** What a sweep does with a dataset row that lacks a value of one of its targets or properties. */
public enum IncompleteRows {
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

  /** The name specs and stored JSON use: {@code drop}, {@code keep}. */
  @JsonValue
  public String label() {
    return Labels.of(this);
  }

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
    return Labels.parse(IncompleteRows.class, label);
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labels.all(IncompleteRows.class);
  }
}
