package tomo.activities.estimate;

import java.util.List;
import tomo.cgcnn.DataSplit;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.property.PropertyRegistry;

/**
 * The materials one training works on, counted the way the trainer selects them: the seed's
 * 60/20/20 split drawn over all rows, then the rows without a target (or extra) value dropped.
 * Every epoch trains (forward and backward) on the training part and evaluates (forward only) the
 * validation part, and the test part whenever validation improved.
 *
 * @param trainCrystals crystals of the training part
 * @param trainAtoms their sites (atoms per unit cell, the graph's nodes), summed
 * @param validationCrystals crystals of the validation part
 * @param validationAtoms their sites
 * @param testCrystals crystals of the test part
 * @param testAtoms their sites
 */
public record TrainingWorkload(
    int trainCrystals,
    long trainAtoms,
    int validationCrystals,
    long validationAtoms,
    int testCrystals,
    long testAtoms) {

  /**
   * The workload of a training of {@code target} (and {@code extra}, {@code null} for none) at
   * {@code seed} on {@code rows}.
   *
   * @throws tomo.materials.property.UnknownPropertyException when a name is not a property
   */
  public static TrainingWorkload of(List<MaterialRow> rows, String target, String extra, int seed) {
    PropertyRegistry.byName(target);
    if (extra != null) {
      PropertyRegistry.byName(extra);
    }
    DataSplit split = DataSplit.fromSeed(rows.size(), seed);
    int[] crystals = new int[3];
    long[] atoms = new long[3];
    for (int i = 0; i < rows.size(); i++) {
      MaterialRow row = rows.get(i);
      if (row.value(target).isEmpty() || (extra != null && row.value(extra).isEmpty())) {
        continue;
      }
      int part = split.part()[i];
      crystals[part]++;
      atoms[part] += row.structure().nsites();
    }
    return new TrainingWorkload(
        crystals[DataSplit.TRAIN],
        atoms[DataSplit.TRAIN],
        crystals[DataSplit.VALIDATION],
        atoms[DataSplit.VALIDATION],
        crystals[DataSplit.TEST],
        atoms[DataSplit.TEST]);
  }

  /** Whether the trainer can split it: every part holds at least one crystal. */
  public boolean trainable() {
    return trainCrystals > 0 && validationCrystals > 0 && testCrystals > 0;
  }
}
