package tomo.activities.estimate;

/**
 * A sweep's cost before it runs: its workload and, where a speed is known, the predicted wall time
 * of the trainings still to run.
 *
 * @param workload trainings, already done, crystal- and atom-epochs
 * @param throughput the speed used; {@code null} when none is known (no stored training and no
 *     calibration)
 * @param predictedSeconds wall time of the remaining trainings: their atom-epochs at the total
 *     speed, but never less than the longest baseline-then-augmented chain at one training's speed;
 *     NaN without a throughput. Reading the dataset and building graph caches are not included.
 */
public record SweepEstimate(
    SweepWorkload workload, Throughput throughput, double predictedSeconds) {

  /** The estimate of {@code workload} at {@code throughput} ({@code null}: no prediction). */
  public static SweepEstimate of(SweepWorkload workload, Throughput throughput) {
    if (throughput == null) {
      return new SweepEstimate(workload, null, Double.NaN);
    }
    double spread = workload.remaining().atomEpochs() / throughput.totalAtomsPerSecond();
    double chain = workload.criticalPathAtomEpochs() / throughput.atomsPerSecondPerTraining();
    return new SweepEstimate(workload, throughput, Math.max(spread, chain));
  }
}
