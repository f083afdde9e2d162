package tomo.activities.estimate;

/**
 * How fast the sweep's trainings will run: one training's atoms per second, times the trainings
 * that run at once.
 *
 * @param atomsPerSecondPerTraining training-part atoms × epochs per second of one training
 * @param workers training worker processes
 * @param trainingsPerWorker trainings each worker runs at once
 * @param speedSource where the atoms per second come from (measured trainings or a calibration)
 * @param workersSource where the worker count comes from (Temporal's pollers, an option, or this
 *     machine alone)
 */
public record Throughput(
    double atomsPerSecondPerTraining,
    int workers,
    int trainingsPerWorker,
    String speedSource,
    String workersSource) {
  public Throughput {
    if (!(atomsPerSecondPerTraining > 0) || workers < 1 || trainingsPerWorker < 1) {
      throw new IllegalArgumentException(
          "throughput needs a positive speed and at least one worker and training, got %s atoms/s,"
                  .formatted(atomsPerSecondPerTraining)
              + " %d workers, %d trainings each".formatted(workers, trainingsPerWorker));
    }
  }

  /** Atoms per second of every training running at once. */
  public double totalAtomsPerSecond() {
    return atomsPerSecondPerTraining * workers * trainingsPerWorker;
  }
}
