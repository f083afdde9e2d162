package tomo.cgcnn;

import java.util.List;
import java.util.Objects;
import tomo.materials.graph.GraphMode;

/**
 * What one CGCNN training learns: the property it predicts from which input, on which graphs and
 * split.
 *
 * @param target the property predicted (a dataset column name, e.g. "band_gap")
 * @param extraProperty the property concatenated to the pooled crystal vector, or null for a
 *     baseline without extra input
 * @param extraMasked the paper's literal baseline: the extra input is present but always zero (only
 *     with an extra property)
 * @param mode the graph representation the data was built with
 * @param seed the split and initialisation seed; baseline and augmented trainings of one seed share
 *     the split
 * @param completeOver properties every row used must have a value of, besides the target and the
 *     extra (a sweep's grid, when it drops incomplete rows); a row lacking one is dropped before
 *     the split's parts are taken, for baseline and augmented trainings alike
 */
public record TrainingTask(
    String target,
    String extraProperty,
    boolean extraMasked,
    GraphMode mode,
    long seed,
    List<String> completeOver) {

  public TrainingTask {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
    // absent in JSON written before it existed: what every training did then
    completeOver = completeOver == null ? List.of() : List.copyOf(completeOver);
    if (extraMasked && extraProperty == null) {
      throw new IllegalArgumentException("a masked extra input needs an extra property");
    }
  }

  /** A task on the rows that have its target and extra. */
  public TrainingTask(
      String target, String extraProperty, boolean extraMasked, GraphMode mode, long seed) {
    this(target, extraProperty, extraMasked, mode, seed, List.of());
  }
}
