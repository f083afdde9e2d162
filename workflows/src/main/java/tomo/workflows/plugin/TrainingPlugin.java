package tomo.workflows.plugin;

import io.temporal.common.SimplePlugin;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.Objects;
import tomo.workflows.activity.TrainingActivities;

/**
 * Adds tomo's training activity to the worker of one task queue, with a bounded number of
 * concurrent trainings: the worker's K training slots (from its cores or GPUs, see {@code
 * --concurrency}), each training on its own threads and tensors.
 */
public final class TrainingPlugin extends SimplePlugin {
  /** The plugin's name (Temporal keeps one plugin per name). */
  public static final String NAME = "tomo.training";

  private final String taskQueue;
  private final int concurrentTrainings;
  private final TrainingActivities activities;

  public TrainingPlugin(String taskQueue, int concurrentTrainings, TrainingActivities activities) {
    super(NAME);
    if (concurrentTrainings < 1) {
      throw new IllegalArgumentException(
          "concurrentTrainings must be >= 1, got " + concurrentTrainings);
    }
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
    this.concurrentTrainings = concurrentTrainings;
    this.activities = Objects.requireNonNull(activities, "activities");
  }

  @Override
  public void configureWorker(String queue, WorkerOptions.Builder options) {
    if (queue.equals(taskQueue)) {
      options.setMaxConcurrentActivityExecutionSize(concurrentTrainings);
    }
  }

  @Override
  public void initializeWorker(String queue, Worker worker) {
    if (queue.equals(taskQueue)) {
      worker.registerActivitiesImplementations(activities);
    }
  }
}
