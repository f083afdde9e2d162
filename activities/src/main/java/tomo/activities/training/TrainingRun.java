package tomo.activities.training;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tomo.activities.store.EpochPoint;

/**
 * What a trainer reports for a finished training.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param testMetric test metric at the best-validation epoch
 * @param bestEpoch 1-based
 * @param epochsTrained epochs trained by this call (fewer than the total after a resume)
 * @param seconds wall time of this call's epochs
 * @param provenance how the trainer ran, for the stored result: device, engine versions, threads,
 *     malloc, validation and mean-predictor metrics, throughput (empty where a trainer has none)
 * @param history every finished epoch of the training, from epoch 1 even after a resume (empty
 *     where a trainer keeps none)
 */
public record TrainingRun(
    String metric,
    double testMetric,
    int bestEpoch,
    int epochsTrained,
    double seconds,
    Map<String, String> provenance,
    List<EpochPoint> history) {

  public TrainingRun {
    provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    history = List.copyOf(history);
  }

  /** A run without a learning curve. */
  public TrainingRun(
      String metric,
      double testMetric,
      int bestEpoch,
      int epochsTrained,
      double seconds,
      Map<String, String> provenance) {
    this(metric, testMetric, bestEpoch, epochsTrained, seconds, provenance, List.of());
  }

  /** A run without provenance (a trainer without an engine). */
  public TrainingRun(
      String metric, double testMetric, int bestEpoch, int epochsTrained, double seconds) {
    this(metric, testMetric, bestEpoch, epochsTrained, seconds, Map.of());
  }
}
