package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;

/**
 * Which trainer produces a sweep's results: a property of the sweep (its spec), carried by every
 * training request. A training worker runs one ({@code tomo worker --trainer}) and refuses requests
 * for another; the report collects the results of the spec's trainer.
 */
public enum TrainerKind {
  /** CGCNN on DJL/PyTorch: real trainings (the default). */
  @JsonProperty("cgcnn")
  CGCNN,
  /** Deterministic learning curves without a model, for orchestration drills and benchmarks. */
  @JsonProperty("synthetic")
  SYNTHETIC;

  /** The name specs and the command line use ({@code cgcnn}, {@code synthetic}). */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
