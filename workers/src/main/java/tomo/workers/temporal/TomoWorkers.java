package tomo.workers.temporal;

import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.airflow.AirflowClient;
import tomo.activities.airflow.AirflowConfig;
import tomo.activities.airflow.AirflowHookActivitiesImpl;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.orchestration.ReportActivitiesImpl;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.TrainingActivitiesImpl;
import tomo.workflows.TaskQueues;
import tomo.workflows.plugin.OrchestrationPlugin;
import tomo.workflows.plugin.TrainingPlugin;

/**
 * Starts tomo's workers in this JVM: service → client → worker factory with tomo's plugins → one
 * worker per queue → start.
 */
public final class TomoWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TomoWorkers.class);

  private final WorkerFactory factory;

  /**
   * @param orchestration run the orchestration queue (workflows, prepare, report)
   * @param trainer run the training queue with this trainer, or {@code null} for none
   * @param concurrentTrainings training slots of this process
   * @param disableSticky true with Temporal's Java test server
   * @param dataset default dataset of specs that name none ({@code null}: resolved at run time)
   */
  public TomoWorkers(
      WorkflowClient client,
      boolean orchestration,
      CellTrainer trainer,
      int concurrentTrainings,
      boolean disableSticky,
      Path dataset,
      Set<String> knownProperties,
      boolean renderHeatmaps) {
    List<WorkerPlugin> plugins = new ArrayList<>();
    if (orchestration) {
      plugins.add(
          new OrchestrationPlugin(
              TaskQueues.ORCHESTRATION,
              disableSticky,
              orchestrationActivities(dataset, knownProperties, renderHeatmaps)));
    }
    if (trainer != null) {
      plugins.add(
          new TrainingPlugin(
              TaskQueues.TRAINING, concurrentTrainings, new TrainingActivitiesImpl(trainer)));
    }
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setPlugins(plugins.toArray(WorkerPlugin[]::new))
                .build());
    if (orchestration) {
      factory.newWorker(TaskQueues.ORCHESTRATION);
    }
    if (trainer != null) {
      factory.newWorker(TaskQueues.TRAINING);
    }
    factory.start();
    log.info(
        "workers started: orchestration={} training={} ({} slots)",
        orchestration,
        trainer == null ? "no" : trainer.id(),
        concurrentTrainings);
  }

  /**
   * Prepare and report, plus the Airflow hook activity when {@value AirflowConfig#ENV_URL} names an
   * Airflow (credentials as {@link AirflowConfig#fromEnvironment} reads them).
   */
  private static Object[] orchestrationActivities(
      Path dataset, Set<String> knownProperties, boolean renderHeatmaps) {
    List<Object> activities = new ArrayList<>();
    activities.add(new PrepareActivitiesImpl(dataset, knownProperties));
    activities.add(new ReportActivitiesImpl(renderHeatmaps));
    String airflow = System.getenv(AirflowConfig.ENV_URL);
    if (airflow != null && !airflow.isBlank()) {
      activities.add(
          new AirflowHookActivitiesImpl(
              new AirflowClient(AirflowConfig.fromEnvironment(System.getenv()))));
      log.info("sweep hooks: Airflow at {}", airflow);
    }
    return activities.toArray();
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
