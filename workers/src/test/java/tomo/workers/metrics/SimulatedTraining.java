package tomo.workers.metrics;

import io.temporal.activity.ActivityInterface;

/** The activity side of {@link SimulatedSweepWorkflow}. */
@ActivityInterface
public interface SimulatedTraining {
  /** "Prepares" the dataset and graph cache; returns nothing, reports build times. */
  void prepare(String sweepId);

  /** Runs the cell's epochs, reporting progress; returns the test metric. */
  double train(SimulatedCell cell);
}
