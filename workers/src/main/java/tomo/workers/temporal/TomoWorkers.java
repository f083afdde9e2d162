package tomo.workers.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import io.temporal.worker.WorkerPlugin;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.airflow.AirflowClient;
import tomo.activities.airflow.AirflowHookActivitiesImpl;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.orchestration.ReportActivitiesImpl;
import tomo.activities.training.TrainingActivitiesImpl;
import tomo.workflows.TaskQueues;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.plugin.OrchestrationPlugin;
import tomo.workflows.plugin.TrainingPlugin;

/**
 * Starts tomo's workers in this JVM: service → client → worker factory with tomo's plugins → one
 * worker per queue → start.
 */
public final class TomoWorkers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TomoWorkers.class);

  private final WorkerFactory factory;

  /** The training activities of this process, or null when it runs no training queue. */
  private final TrainingActivitiesImpl training;

  /** Starts the workers {@code options} ask for, once the Temporal service answers. */
  public TomoWorkers(WorkflowClient client, TomoWorkerOptions options) {
    TomoWorkerOptions.Orchestration orchestration = options.orchestration().orElse(null);
    TomoWorkerOptions.Training trainingQueue = options.training().orElse(null);
    List<WorkerPlugin> plugins = new ArrayList<>();
    if (orchestration != null) {
      plugins.add(orchestrationPlugin(options.disableSticky(), orchestration));
    }
    training = trainingQueue == null ? null : new TrainingActivitiesImpl(trainingQueue.trainer());
    if (trainingQueue != null) {
      plugins.add(
          new TrainingPlugin(TaskQueues.TRAINING, trainingQueue.concurrentTrainings(), training));
    }
    factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setPlugins(plugins.toArray(WorkerPlugin[]::new))
                .build());
    if (orchestration != null) {
      factory.newWorker(TaskQueues.ORCHESTRATION);
    }
    if (trainingQueue != null) {
      // the layout travels in the poller identity, where sweep estimate reads it
      factory.newWorker(
          TaskQueues.TRAINING,
          WorkerOptions.newBuilder()
              .setIdentity(
                  new TrainingWorkerIdentity(
                          clientIdentity(client),
                          trainingQueue.concurrentTrainings(),
                          trainingQueue.threadsPerTraining(),
                          trainingQueue.device())
                      .format())
              .build());
    }
    awaitServer(client);
    factory.start();
    log.info(
        "workers started: orchestration={} training={} ({} slots)",
        orchestration != null,
        trainingQueue == null ? "no" : trainingQueue.trainer().id(),
        trainingQueue == null ? 0 : trainingQueue.concurrentTrainings());
  }

  // the client fills in pid@host when none was set
  private static String clientIdentity(WorkflowClient client) {
    String identity = client.getOptions().getIdentity();
    return identity != null ? identity : ManagementFactory.getRuntimeMXBean().getName();
  }

  /**
   * Waits until the Temporal service answers: a worker started (or restarted) while its server is
   * down or restarting waits for it, as a daemon should, instead of exiting (the factory's start
   * fails at once on an unreachable server).
   */
  private static void awaitServer(WorkflowClient client) {
    long waitMillis = 1_000;
    while (true) {
      try {
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return;
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.UNAVAILABLE
            && e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
          throw e;
        }
        log.warn(
            "Temporal at {} does not answer ({}); trying again in {} s",
            client.getWorkflowServiceStubs().getOptions().getTarget(),
            e.getStatus().getDescription() == null
                ? e.getStatus().getCode()
                : e.getStatus().getDescription(),
            waitMillis / 1000);
      }
      try {
        Thread.sleep(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Temporal", e);
      }
      waitMillis = Math.min(10_000, waitMillis * 2);
    }
  }

  /** Prepare and report, plus the Airflow hook activity when the settings name an Airflow. */
  private static OrchestrationPlugin orchestrationPlugin(
      boolean disableSticky, TomoWorkerOptions.Orchestration settings) {
    var prepare =
        new PrepareActivitiesImpl(
            settings.defaultDataset().orElse(null), settings.knownProperties());
    var report = new ReportActivitiesImpl(settings.renderHeatmaps());
    return airflowHooks(settings)
        .map(
            hooks ->
                new OrchestrationPlugin(
                    TaskQueues.ORCHESTRATION, disableSticky, prepare, report, hooks))
        .orElseGet(
            () ->
                new OrchestrationPlugin(TaskQueues.ORCHESTRATION, disableSticky, prepare, report));
  }

  /**
   * The hook activity the orchestration worker registers: one when the settings name an Airflow.
   */
  static Optional<AirflowHookActivities> airflowHooks(TomoWorkerOptions.Orchestration settings) {
    return settings
        .airflow()
        .map(
            config -> {
              log.info("sweep hooks: Airflow at {}", config.baseUrl());
              return new AirflowHookActivitiesImpl(new AirflowClient(config));
            });
  }

  /**
   * Stops as an operator's SIGTERM asks: no new tasks are polled, and each running training stops
   * after its current epoch's checkpoint, for at most {@code bound}; the server retries those on
   * another worker, which resumes from the checkpoints. Logs what it did; the caller then exits.
   *
   * @return true when everything stopped within the bound
   */
  public boolean stopGracefully(Duration bound) {
    Map<String, Integer> running = training == null ? Map.of() : training.running();
    log.info(
        "shutting down: polling stopped; {} running training(s) {} stop after their current"
            + " epoch's checkpoint (waiting at most {} s)",
        running.size(),
        running.keySet(),
        bound.toSeconds());
    if (training != null) {
      training.stopAfterCurrentEpochs(); // first: a task polled meanwhile does not start
    }
    factory.shutdown();
    boolean stopped;
    try {
      if (training != null) {
        stopped = training.awaitStopped(bound);
      } else {
        factory.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS);
        stopped = factory.isTerminated();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopped = false;
    }
    Map<String, Integer> checkpointed = training == null ? Map.of() : training.stopped();
    if (stopped) {
      log.info(
          "shut down: {} training(s) stopped after the epoch of their checkpoint {}; another"
              + " worker resumes them there once the server misses their heartbeats",
          checkpointed.size(),
          checkpointed);
    } else {
      log.warn(
          "shut down after {} s with training(s) still in an epoch {} (stopped at checkpoints:"
              + " {}); they resume from their newest checkpoint on another worker",
          bound.toSeconds(),
          training == null ? Map.of() : training.running(),
          checkpointed);
    }
    return stopped;
  }

  @Override
  public void close() {
    factory.shutdown();
    factory.awaitTermination(10, TimeUnit.SECONDS);
  }
}
