package tomo.activities.store;

/**
 * How a training went, beside its outcome: the validation and trivial-predictor metrics, the epochs
 * it ran and its throughput.
 *
 * @param bestValMetric validation metric at the best epoch
 * @param referenceTestMetric test metric of the trivial predictor on the same split (training mean
 *     or majority class); not finite where it could not be computed
 * @param trainCrystalsPerSecond training throughput in crystals per second
 * @param trainAtomsPerSecond training throughput in atoms per second; {@code null}: not recorded
 *     (files written before 2026-12-01)
 * @param resumedFromEpoch the epoch a resume started after (0: from the start)
 * @param stoppedEarly whether patience ended the training; {@code null}: not recorded (files
 *     written before 2026-12-01)
 * @param epochsRun epochs the training ran in all; {@code null}: not recorded (likewise)
 */
public record RunFigures(
    double bestValMetric,
    double referenceTestMetric,
    double trainCrystalsPerSecond,
    Double trainAtomsPerSecond,
    int resumedFromEpoch,
    Boolean stoppedEarly,
    Integer epochsRun) {

  public RunFigures {
    if (resumedFromEpoch < 0 || (epochsRun != null && epochsRun < 0)) {
      throw new IllegalArgumentException(
          "epochs must be >= 0, got resumed from %d, run %s"
              .formatted(resumedFromEpoch, epochsRun));
    }
  }
}
