package tomo.activities.training;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tomo.activities.store.EpochPoint;
import tomo.activities.store.RunProvenance;

/**
 * What a trainer reports for a finished training.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param testMetric test metric at the best-validation epoch
 * @param bestEpoch 1-based
 * @param epochsTrained epochs trained by this call (fewer than the total after a resume)
 * @param seconds wall time of this call's epochs
 * @param provenance how the trainer ran, for the stored result: device, engine versions, threads,
 *     malloc, the split, validation and mean-predictor metrics, throughput (empty where a trainer
 *     has no engine)
 * @param history every finished epoch of the training, from epoch 1 even after a resume (empty
 *     where a trainer keeps none)
 */
public record TrainingRun(
    String metric,
    double testMetric,
    int bestEpoch,
    int epochsTrained,
    double seconds,
    Optional<RunProvenance> provenance,
    List<EpochPoint> history) {

  public TrainingRun {
    Objects.requireNonNull(provenance, "provenance");
    history = List.copyOf(history);
  }

  /** A run without provenance or learning curve (a trainer without an engine). */
  public TrainingRun(
      String metric, double testMetric, int bestEpoch, int epochsTrained, double seconds) {
    this(metric, testMetric, bestEpoch, epochsTrained, seconds, Optional.empty(), List.of());
  }
}
