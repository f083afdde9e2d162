package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the baseline a cell is compared with is trained. */
public enum BaselineMode {
  /**
   * One baseline per (target, representation, seed), shared by every property: it does not depend
   * on the property, so the paper's 2,340 trainings become 1,260.
   */
  @JsonProperty("shared")
  SHARED,
  /** The paper's literal protocol: a baseline per cell, with the cell's property masked. */
  @JsonProperty("per-cell")
  PER_CELL;

  /** The name specs and stored JSON use: {@code shared}, {@code per-cell}. */
  public String label() {
    return this == SHARED ? "shared" : "per-cell";
  }
}
