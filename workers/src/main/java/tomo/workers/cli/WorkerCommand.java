package tomo.workers.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tomo.activities.airflow.AirflowConfig;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.training.TrainingLayout;
import tomo.workers.metrics.MeteredCellTrainer;
import tomo.workers.metrics.MetricsOptions;
import tomo.workers.metrics.MetricsServer;
import tomo.workers.metrics.ProcessMetrics;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TomoWorkerOptions;
import tomo.workers.temporal.TomoWorkers;
import tomo.workers.temporal.TrainerChoice;
import tomo.workflows.TaskQueues;

/** {@code tomo worker --queue training|orchestration}: a worker process that runs until killed. */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Run a worker of one task queue until stopped.")
public final class WorkerCommand implements Callable<Integer> {
  /** The two kinds of worker. */
  public enum Queue {
    training,
    orchestration
  }

  @Mixin TemporalOptions temporal;

  @Mixin MetricsOptions metricsOptions;

  @Option(names = "--queue", required = true, description = "training or orchestration.")
  Queue queue;

  @Option(
      names = "--trainer",
      defaultValue = "cgcnn",
      description =
          "Trainer of a training worker: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE});"
              + " it refuses requests of sweeps whose spec names another. An orchestration worker"
              + " needs none: the report collects by the spec's trainer.")
  TrainerChoice trainer;

  @Option(
      names = "--epoch-pause-ms",
      defaultValue = "0",
      description = "Synthetic trainer: wall time of one epoch in ms.")
  long epochPauseMillis;

  @Mixin TrainingLayoutOptions layoutOptions;

  @Option(names = "--dataset", description = "Default dataset of specs that name none.")
  Path dataset;

  @Option(
      names = "--shutdown-seconds",
      defaultValue = "60",
      description =
          "On SIGTERM: how long running trainings may take to finish their epoch and checkpoint"
              + " (default ${DEFAULT-VALUE}).")
  long shutdownSeconds;

  @Option(
      names = "--sticky-off",
      description = "Disable sticky queues (use with Temporal's Java test server).")
  boolean stickyOff;

  @Override
  public Integer call() throws InterruptedException {
    boolean training = queue == Queue.training;
    TrainingLayout layout = training ? layoutOptions.plan() : TrainingLayout.single(1);
    try (ProcessMetrics metrics =
            ProcessMetrics.start(
                metricsOptions,
                training ? MetricsServer.TRAINING_PORT : MetricsServer.DEFAULT_PORT);
        TomoWorkers workers =
            new TomoWorkers(
                temporal.connect(metrics.temporalScope()), options(training, layout, metrics))) {
      if (training) {
        metrics
            .tomo()
            .trainings()
            .layout(TaskQueues.TRAINING, layout.concurrency(), layout.threadsPerTraining());
      }
      System.out.println(
          "tomo worker: queue "
              + queue
              + (training ? " (" + trainer + " trainer, " + layout.describe() + ")" : "")
              + " on "
              + temporal.target
              + metrics.server().map(s -> ", metrics at " + s.uri()).orElse("")
              + " (Ctrl-C to stop)");
      CountDownLatch stop = new CountDownLatch(1);
      // the JVM exits when its shutdown hooks return: the graceful stop runs inside the hook
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    workers.stopGracefully(Duration.ofSeconds(shutdownSeconds));
                    stop.countDown();
                  },
                  "tomo-shutdown"));
      stop.await();
    }
    return 0;
  }

  /**
   * The training queue alone, or the orchestration queue alone; the latter triggers sweep hooks on
   * the Airflow that {@value AirflowConfig#ENV_URL} names, if any.
   */
  private TomoWorkerOptions options(
      boolean training, TrainingLayout layout, ProcessMetrics metrics) {
    TomoWorkerOptions.Builder options = TomoWorkerOptions.builder().disableSticky(stickyOff);
    if (training) {
      return options
          .training(
              new MeteredCellTrainer(
                  trainer.create(
                      Duration.ofMillis(epochPauseMillis), layout, metrics.tomo().preparation()),
                  metrics.tomo().trainings(),
                  TaskQueues.TRAINING),
              layout)
          .build();
    }
    options.orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES).defaultDataset(dataset);
    AirflowConfig.fromEnvironmentIfSet(System.getenv()).ifPresent(options::airflow);
    return options.build();
  }
}
