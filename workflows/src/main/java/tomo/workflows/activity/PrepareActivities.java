package tomo.workflows.activity;

import io.temporal.activity.ActivityInterface;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.SweepSpec;

/** Checks a sweep's dataset and properties and builds the graph caches its trainings read. */
@ActivityInterface
public interface PrepareActivities {
  /**
   * Reads the dataset, checks every target and property exists, builds one graph cache per
   * representation. Bad input fails non-retryably, naming file, row and field.
   */
  PreparedDataset prepare(SweepSpec spec);
}
