package tomo.workers.metrics;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Simulated trainings that report through {@link TomoMetrics} as the real training activity does.
 */
final class SimulatedTrainingImpl implements SimulatedTraining {
  private final TomoMetrics metrics;
  private final String queue;
  private final CountDownLatch release;

  SimulatedTrainingImpl(TomoMetrics metrics, String queue, CountDownLatch release) {
    this.metrics = metrics;
    this.queue = queue;
    this.release = release;
  }

  @Override
  public void prepare(String sweepId) {
    long start = System.nanoTime();
    sleep(30);
    metrics.preparation().datasetRead(Duration.ofNanos(System.nanoTime() - start));
    start = System.nanoTime();
    sleep(20);
    metrics
        .preparation()
        .graphCacheReady("structure", true, Duration.ofNanos(System.nanoTime() - start));
    metrics.preparation().graphCacheReady("composition", false, Duration.ofMillis(3));
  }

  @Override
  public double train(SimulatedCell cell) {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    RunningTraining training =
        metrics
            .trainings()
            .started(
                queue, cell.representation(), cell.target(), cell.property(), "mae", cell.epochs());
    double best = Double.POSITIVE_INFINITY;
    try {
      for (int epoch = 1; epoch <= cell.epochs(); epoch++) {
        long start = System.nanoTime();
        sleep(cell.epochMillis());
        double loss = 1.0 / epoch + 0.01 * cell.seed();
        // an added property moves the metric by a fixed few percent, so the heatmap has colour
        double change =
            cell.property() == null
                ? 0
                : (Math.floorMod(cell.property().hashCode(), 21) - 10) / 100.0;
        double validation = (0.5 / epoch + 0.02 * cell.seed()) * (1 + change);
        best = Math.min(best, validation);
        training.epochFinished(
            epoch, Duration.ofNanos(System.nanoTime() - start), loss, validation, best);
        Activity.getExecutionContext().heartbeat(epoch);
        if (attempt <= cell.failAttempts() && epoch == 1) {
          throw ApplicationFailure.newFailure("simulated transient failure", "Simulated");
        }
      }
      if (cell.hold()) {
        release.await(2, TimeUnit.MINUTES);
      }
      training.finished();
      return best;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      training.failed();
      throw Activity.wrap(e);
    } catch (RuntimeException e) {
      training.failed();
      throw e;
    }
  }

  private static void sleep(int millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Activity.wrap(e);
    }
  }
}
