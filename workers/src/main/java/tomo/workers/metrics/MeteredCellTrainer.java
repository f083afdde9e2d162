package tomo.workers.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import tomo.activities.training.BadInputException;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.EpochListener;
import tomo.activities.training.TrainingRun;
import tomo.workflows.model.TrainingRequest;

/**
 * A {@link CellTrainer} that reports each training to {@link TrainingMeters}: started, every epoch,
 * finished or failed. Training workers wrap their trainer in it, so the training activity needs no
 * metrics code. Memoized results never reach the trainer and so are not counted as trainings.
 */
public final class MeteredCellTrainer implements CellTrainer {
  /** Targets whose validation metric is an error rate (categorical properties of the paper). */
  private static final Set<String> CATEGORICAL_TARGETS =
      Set.of("spacegroup.crystal_system", "is_hubbard", "oxide_type");

  private final CellTrainer trainer;
  private final TrainingMeters metrics;
  private final String queue;

  /**
   * @param queue the task queue this worker trains for (a label of the training series)
   */
  public MeteredCellTrainer(CellTrainer trainer, TrainingMeters metrics, String queue) {
    this.trainer = trainer;
    this.metrics = metrics;
    this.queue = queue;
  }

  @Override
  public String id() {
    return trainer.id(); // metering does not change results, so it must not change content hashes
  }

  @Override
  public String datasetSha256(TrainingRequest request) throws BadInputException {
    return trainer.datasetSha256(request); // which data is the wrapped trainer's to say
  }

  @Override
  public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
      throws BadInputException, InterruptedException {
    RunningTraining training =
        metrics.started(
            queue,
            request.representation().label(),
            request.target(),
            request.property(),
            CATEGORICAL_TARGETS.contains(request.target()) ? "error_rate" : "mae",
            request.hyper() == null ? 0 : request.epochsToTrain());
    boolean ok = false;
    try {
      TrainingRun run =
          trainer.train(
              request,
              checkpointDir,
              new EpochListener() {
                @Override
                public void epochDone(int epoch, double val, double best, double seconds) {
                  epochDone(epoch, Double.NaN, val, best, seconds);
                }

                @Override
                public void epochDone(
                    int epoch, double loss, double val, double best, double seconds) {
                  training.epochFinished(
                      epoch, Duration.ofNanos((long) (seconds * 1e9)), loss, val, best);
                  listener.epochDone(epoch, loss, val, best, seconds);
                }

                @Override
                public void resumed(int epochsDone, double bestValMetric) {
                  listener.resumed(epochsDone, bestValMetric);
                }
              });
      ok = true;
      return run;
    } finally {
      if (ok) {
        training.finished();
      } else {
        training.failed();
      }
    }
  }
}
