package tomo.activities.report;

import java.util.List;

/**
 * The change in test error from adding one property to one target in one representation, over the
 * seeds that have both trainings.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param seeds the seeds that contributed, ascending
 * @param meanChangePercent mean over seeds of 100 × (augmented − baseline) / baseline
 * @param minChangePercent smallest change over seeds
 * @param maxChangePercent largest change over seeds
 * @param meanBaselineMetric mean baseline test metric over the same seeds (target unit, or a
 *     fraction)
 * @param meanAugmentedMetric mean augmented test metric over the same seeds
 * @param significant whether every seed reduced the error ({@code maxChangePercent < 0}), the
 *     paper's rule
 */
public record CellSummary(
    String target,
    String property,
    String representation,
    String metric,
    List<Integer> seeds,
    double meanChangePercent,
    double minChangePercent,
    double maxChangePercent,
    double meanBaselineMetric,
    double meanAugmentedMetric,
    boolean significant) {

  public CellSummary {
    seeds = List.copyOf(seeds);
  }

  /** How many seeds the statistics are over. */
  public int seedCount() {
    return seeds.size();
  }
}
