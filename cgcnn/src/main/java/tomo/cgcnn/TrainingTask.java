package tomo.cgcnn;

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
 */
public record TrainingTask(
    String target, String extraProperty, boolean extraMasked, GraphMode mode, long seed) {

  public TrainingTask {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(mode, "mode");
    if (extraMasked && extraProperty == null) {
      throw new IllegalArgumentException("a masked extra input needs an extra property");
    }
  }
}
