package tomo.workflows.plugin;

import io.temporal.common.SimplePlugin;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import tomo.workflows.activity.PrepareActivities;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.sweep.CellGroupWorkflowImpl;
import tomo.workflows.sweep.SweepWorkflowImpl;

/**
 * Adds tomo's sweep workflows and the orchestration activities (prepare, report) to the worker of
 * one task queue. An existing Temporal worker gains tomo with one line:
 *
 * <pre>{@code
 * WorkerFactoryOptions.newBuilder().setPlugins(new OrchestrationPlugin(queue, false, prepare, report))
 * }</pre>
 *
 * Workers of other task queues are left alone.
 */
public final class OrchestrationPlugin extends SimplePlugin {
  /** The plugin's name (Temporal keeps one plugin per name). */
  public static final String NAME = "tomo.orchestration";

  private final String taskQueue;
  private final boolean disableSticky;
  private final List<Object> activities;

  /**
   * @param taskQueue the orchestration task queue
   * @param disableSticky true with Temporal's Java test server: a killed worker otherwise leaves
   *     its workflows waiting on a dead sticky queue
   * @param prepare what prepares a sweep's data
   * @param report what aggregates and renders a sweep's report
   */
  public OrchestrationPlugin(
      String taskQueue, boolean disableSticky, PrepareActivities prepare, ReportActivities report) {
    this(taskQueue, disableSticky, List.of(prepare, report));
  }

  /**
   * The same, for sweeps whose specs name Airflow hooks.
   *
   * @param hooks what triggers a spec's Airflow DAGs
   */
  public OrchestrationPlugin(
      String taskQueue,
      boolean disableSticky,
      PrepareActivities prepare,
      ReportActivities report,
      AirflowHookActivities hooks) {
    this(taskQueue, disableSticky, List.of(prepare, report, hooks));
  }

  private OrchestrationPlugin(String taskQueue, boolean disableSticky, List<Object> activities) {
    super(NAME);
    this.taskQueue = Objects.requireNonNull(taskQueue, "taskQueue");
    this.disableSticky = disableSticky;
    this.activities = activities;
  }

  @Override
  public void configureWorker(String queue, WorkerOptions.Builder options) {
    if (disableSticky && queue.equals(taskQueue)) {
      options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
  }

  @Override
  public void initializeWorker(String queue, Worker worker) {
    if (!queue.equals(taskQueue)) {
      return;
    }
    worker.registerWorkflowImplementationTypes(
        SweepWorkflowImpl.class, CellGroupWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities.toArray());
  }
}
