package tomo.activities.report;

/**
 * A cell's bar as the paper's plot script draws it, over the seeds: the value is the change of the
 * seed means of the test metric, the bounds pair the best and worst seeds of either side, unpaired.
 * The whole bar below zero ({@link #below0()}) means the worst augmented seed beat the best
 * baseline seed: the paper's significance.
 *
 * @param valuePercent 100 · (mean(aug) − mean(base)) / mean(base): a ratio of seed means, not the
 *     mean of per-seed changes
 * @param upperPercent 100 · (max(aug) − min(base)) / min(base)
 * @param lowerPercent 100 · (min(aug) − max(base)) / max(base)
 */
public record PaperBounds(double valuePercent, double upperPercent, double lowerPercent) {

  /** How the bar is computed, for report texts. */
  public static final String METHOD =
      "value 100·(mean aug − mean base)/mean base over seeds, upper bound 100·(max aug − min"
          + " base)/min base, lower bound 100·(min aug − max base)/max base";

  /**
   * The bar of a cell's seeds.
   *
   * @param baseline each seed's baseline test metric, all positive
   * @param augmented each seed's augmented test metric, same length
   */
  public static PaperBounds of(double[] baseline, double[] augmented) {
    if (baseline.length == 0 || baseline.length != augmented.length) {
      throw new IllegalArgumentException(
          baseline.length + " baseline and " + augmented.length + " augmented metrics");
    }
    double baseSum = 0;
    double augSum = 0;
    double baseMin = Double.POSITIVE_INFINITY;
    double baseMax = Double.NEGATIVE_INFINITY;
    double augMin = Double.POSITIVE_INFINITY;
    double augMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < baseline.length; i++) {
      baseSum += baseline[i];
      augSum += augmented[i];
      baseMin = Math.min(baseMin, baseline[i]);
      baseMax = Math.max(baseMax, baseline[i]);
      augMin = Math.min(augMin, augmented[i]);
      augMax = Math.max(augMax, augmented[i]);
    }
    return new PaperBounds(
        100 * (augSum - baseSum) / baseSum,
        100 * (augMax - baseMin) / baseMin,
        100 * (augMin - baseMax) / baseMax);
  }

  /** Whether the whole bar lies below zero. */
  public boolean below0() {
    return upperPercent < 0;
  }
}
