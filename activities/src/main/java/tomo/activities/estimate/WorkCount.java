package tomo.activities.estimate;

/**
 * Work of a set of trainings, summed over their epochs.
 *
 * @param trainings trainings counted
 * @param crystalEpochs training-part crystals × epochs (each a forward and a backward pass)
 * @param atomEpochs training-part atoms × epochs
 * @param evaluationAtomEpochs validation and test atoms × epochs, forward passes only (an upper
 *     bound: the test part is evaluated only in epochs that improve on validation)
 */
public record WorkCount(
    long trainings, long crystalEpochs, long atomEpochs, long evaluationAtomEpochs) {
  public static final WorkCount NONE = new WorkCount(0, 0, 0, 0);

  /** This count plus one training of {@code w} for {@code epochs} epochs. */
  public WorkCount plus(TrainingWorkload w, int epochs) {
    return new WorkCount(
        trainings + 1,
        crystalEpochs + (long) w.trainCrystals() * epochs,
        atomEpochs + w.trainAtoms() * epochs,
        evaluationAtomEpochs + (w.validationAtoms() + w.testAtoms()) * epochs);
  }
}
