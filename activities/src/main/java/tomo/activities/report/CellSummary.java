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
 *     paper's rule and the report's default
 * @param changesPercent the change of each seed, in the order of {@code seeds}
 * @param improvedSeeds how many seeds' changes are below zero
 * @param interval paired 95 % t-interval of the mean change; {@code null} with a single seed, which
 *     has no spread to estimate
 * @param significantByInterval whether the interval lies wholly below zero (false without one)
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
    boolean significant,
    List<Double> changesPercent,
    int improvedSeeds,
    MeanChangeInterval interval,
    boolean significantByInterval) {

  public CellSummary {
    seeds = List.copyOf(seeds);
    changesPercent = List.copyOf(changesPercent);
    if (changesPercent.size() != seeds.size()) {
      throw new IllegalArgumentException(
          "cell "
              + target
              + "/"
              + property
              + "/"
              + representation
              + ": "
              + seeds.size()
              + " seeds but "
              + changesPercent.size()
              + " changes");
    }
  }

  /** How many seeds the statistics are over. */
  public int seedCount() {
    return seeds.size();
  }
}
