package tomo.workers.metrics;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tomo.workflows.metrics.SweepMetrics;
import tomo.workflows.model.Representation;

/** Reports the sweep gauges through the replay-safe workflow scope, as the real sweep does. */
public final class SimulatedSweepWorkflowImpl implements SimulatedSweepWorkflow {
  static final String TRAINING_QUEUE = "training";

  private final SimulatedTraining training =
      Workflow.newActivityStub(
          SimulatedTraining.class,
          ActivityOptions.newBuilder()
              .setTaskQueue(TRAINING_QUEUE)
              .setStartToCloseTimeout(Duration.ofMinutes(5))
              .setHeartbeatTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(100))
                      .setMaximumAttempts(3)
                      .build())
              .build());

  @Override
  public void run(String sweepId, List<SimulatedCell> cells, int parallel) {
    training.prepare(sweepId);
    int pending = cells.size();
    int done = 0;
    int failed = 0;
    Map<String, Double> baseline = new HashMap<>();
    List<Promise<Double>> running = new ArrayList<>();
    List<SimulatedCell> runningCells = new ArrayList<>();
    long started = Workflow.currentTimeMillis();
    int next = 0;
    while (next < cells.size() || !running.isEmpty()) {
      while (next < cells.size() && running.size() < parallel) {
        SimulatedCell cell = cells.get(next++);
        running.add(Async.function(training::train, cell));
        runningCells.add(cell);
        pending--;
      }
      report(sweepId, pending, running.size(), done, failed, started, cells.size());
      try {
        Promise.anyOf(running).get();
      } catch (RuntimeException failedCell) {
        // counted below, with the cell it belongs to
      }
      for (int i = running.size() - 1; i >= 0; i--) {
        if (!running.get(i).isCompleted()) {
          continue;
        }
        SimulatedCell cell = runningCells.get(i);
        if (running.get(i).getFailure() != null) {
          failed++;
        } else {
          done++;
          double metric = running.get(i).get();
          String key = cell.target() + "/" + cell.representation() + "/" + cell.seed();
          if (cell.property() == null) {
            baseline.put(key, metric);
          } else if (baseline.containsKey(key)) {
            SweepMetrics.reportMeanDelta(
                Workflow.getMetricsScope(),
                sweepId,
                cell.target(),
                cell.property(),
                Representation.of(cell.representation()),
                100 * (metric - baseline.get(key)) / baseline.get(key));
          }
        }
        running.remove(i);
        runningCells.remove(i);
      }
    }
    report(sweepId, pending, 0, done, failed, started, cells.size());
  }

  private static void report(
      String sweepId, int pending, int running, int done, int failed, long startedMillis, int all) {
    SweepMetrics.reportCells(Workflow.getMetricsScope(), sweepId, pending, running, done, failed);
    int finished = done + failed;
    double elapsed = (Workflow.currentTimeMillis() - startedMillis) / 1000.0;
    double eta = finished == 0 ? 60.0 : elapsed / finished * (all - finished);
    SweepMetrics.reportEta(Workflow.getMetricsScope(), sweepId, eta);
  }
}
