package tomo.workers.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A tomo-like process in the test JVM: Prometheus registry, TomoMetrics, a /metrics server, and an
 * in-memory Temporal service with an orchestration and a training worker running {@link
 * SimulatedSweepWorkflow}s.
 */
final class SimulatedWorkload implements AutoCloseable {
  static final String ORCHESTRATION_QUEUE = "orchestration";

  final PrometheusMeterRegistry registry = TomoMetrics.newPrometheusRegistry();
  final TomoMetrics metrics = new TomoMetrics(registry);
  final MetricsServer server = MetricsServer.start(registry, 0);
  private final CountDownLatch release = new CountDownLatch(1);
  private final TestWorkflowEnvironment env;

  SimulatedWorkload(int trainingSlots) {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setMetricsScope(
                    TemporalMetrics.scope(registry, metrics.sweeps(), Duration.ofMillis(200)))
                .build());
    Worker orchestration = env.newWorker(ORCHESTRATION_QUEUE);
    orchestration.registerWorkflowImplementationTypes(SimulatedSweepWorkflowImpl.class);
    Worker training =
        env.newWorker(
            SimulatedSweepWorkflowImpl.TRAINING_QUEUE,
            WorkerOptions.newBuilder()
                .setMaxConcurrentActivityExecutionSize(trainingSlots)
                .build());
    training.registerActivitiesImplementations(
        new SimulatedTrainingImpl(metrics, SimulatedSweepWorkflowImpl.TRAINING_QUEUE, release));
    metrics.trainings().slots(SimulatedSweepWorkflowImpl.TRAINING_QUEUE, trainingSlots);
    env.start();
  }

  /** A grid of cells: per (target, representation, seed) a baseline then each property. */
  static List<SimulatedCell> grid(
      List<String> targets,
      List<String> properties,
      List<Integer> seeds,
      int epochs,
      int epochMillis) {
    List<SimulatedCell> cells = new ArrayList<>();
    for (String target : targets) {
      for (String representation : List.of("structure", "composition")) {
        for (int seed : seeds) {
          cells.add(
              new SimulatedCell(target, null, representation, seed, epochs, epochMillis, 0, false));
          for (String property : properties) {
            cells.add(
                new SimulatedCell(
                    target, property, representation, seed, epochs, epochMillis, 0, false));
          }
        }
      }
    }
    return cells;
  }

  /** Starts a sweep; returns at once. */
  void start(String sweepId, List<SimulatedCell> cells, int parallel) {
    SimulatedSweepWorkflow sweep =
        env.getWorkflowClient()
            .newWorkflowStub(
                SimulatedSweepWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(sweepId)
                    .setTaskQueue(ORCHESTRATION_QUEUE)
                    .build());
    WorkflowClient.start(sweep::run, sweepId, cells, parallel);
  }

  /** Waits until the sweep's workflow completes. */
  void await(String sweepId) {
    env.getWorkflowClient().newUntypedWorkflowStub(sweepId).getResult(Void.class);
  }

  /** Lets held trainings finish. */
  void releaseHeld() {
    release.countDown();
  }

  @Override
  public void close() {
    release.countDown();
    env.close();
    server.close();
  }
}
