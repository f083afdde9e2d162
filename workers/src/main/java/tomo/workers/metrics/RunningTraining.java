package tomo.workers.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One training in progress, as seen by {@link TrainingMeters}: report each finished epoch, then
 * exactly one of {@link #finished()} or {@link #failed()}, which frees the slot and removes the
 * training's series. Obtain one from {@link TrainingMeters#started}.
 */
public final class RunningTraining {
  private final TrainingMeters owner;
  final QueueSlots slots;
  final int slot;
  final Tags outcomeTags;
  private final Timer epochTimer;
  final List<Meter> meters = new ArrayList<>();
  private final AtomicBoolean ended = new AtomicBoolean();

  private final double[] currentEpoch = {0};
  private final double[] totalEpochs = {0};
  private final double[] trainLoss = {Double.NaN};
  private final double[] validationMetric = {Double.NaN};
  private final double[] bestValidationMetric = {Double.NaN};
  private final double[] lastProgress = {0};

  RunningTraining(
      TrainingMeters owner,
      QueueSlots slots,
      int slot,
      Tags outcomeTags,
      Tags trainingTags,
      Timer epochTimer,
      int totalEpochs) {
    this.owner = owner;
    this.slots = slots;
    this.slot = slot;
    this.outcomeTags = outcomeTags;
    this.epochTimer = epochTimer;
    this.totalEpochs[0] = totalEpochs;
    this.lastProgress[0] = owner.wallSeconds();
    if (trainingTags != null) {
      add("tomo.training.current.epoch", null, trainingTags, currentEpoch, "Last finished epoch");
      add("tomo.training.total.epochs", null, trainingTags, this.totalEpochs, "Epochs planned");
      add(
          "tomo.training.train.loss",
          null,
          trainingTags,
          trainLoss,
          "Training loss of the last epoch");
      add(
          "tomo.training.validation.metric",
          null,
          trainingTags,
          validationMetric,
          "Validation metric (MAE or error rate) of the last epoch");
      add(
          "tomo.training.best.validation.metric",
          null,
          trainingTags,
          bestValidationMetric,
          "Best validation metric so far");
      add(
          "tomo.training.last.progress.timestamp",
          "seconds",
          trainingTags,
          lastProgress,
          "Unix time of the training's start or last finished epoch");
    }
  }

  private void add(String name, String unit, Tags tags, double[] cell, String help) {
    meters.add(owner.gauge(name, unit, tags, cell, help));
  }

  /** The worker slot this training's series are labelled with, or -1 if it has none. */
  public int slot() {
    return slot;
  }

  /**
   * Records one finished epoch.
   *
   * @param epoch the epoch just finished, 1-based
   * @param duration its wall time
   * @param trainLoss its training loss
   * @param validationMetric its validation MAE or error rate
   * @param bestValidationMetric the best validation metric so far
   */
  public void epochFinished(
      int epoch,
      Duration duration,
      double trainLoss,
      double validationMetric,
      double bestValidationMetric) {
    epochTimer.record(duration);
    synchronized (this) {
      currentEpoch[0] = epoch;
      this.trainLoss[0] = trainLoss;
      this.validationMetric[0] = validationMetric;
      this.bestValidationMetric[0] = bestValidationMetric;
      lastProgress[0] = owner.wallSeconds();
    }
  }

  /** The training completed; counts it as finished. Later calls are ignored. */
  public void finished() {
    if (ended.compareAndSet(false, true)) {
      owner.ended(this, false);
    }
  }

  /** The training failed (this attempt); counts it as failed. Later calls are ignored. */
  public void failed() {
    if (ended.compareAndSet(false, true)) {
      owner.ended(this, true);
    }
  }
}
