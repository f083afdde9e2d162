package tomo.activities.report;

import org.apache.commons.statistics.distribution.TDistribution;

/**
 * A paired 95 % confidence interval of a cell's mean change over seeds: mean ± t<sub>0.975,
 * n−1</sub> · sd / √n of the per-seed changes, each seed's augmented training compared with the
 * baseline of the same split.
 *
 * <p>A t-interval, not a bootstrap: a sweep has a handful of seeds (the paper: 3), and a bootstrap
 * over 3 values can only resample those 3 values, so its interval is too narrow and jumps with each
 * resample; the t-interval is exact under normal per-seed changes and says through its width how
 * little 3 seeds can tell.
 *
 * @param lowPercent lower end, in %
 * @param highPercent upper end, in %
 */
public record MeanChangeInterval(double lowPercent, double highPercent) {

  /** Confidence level of every interval in a report. */
  public static final double LEVEL = 0.95;

  /** How the interval is computed, for report texts. */
  public static final String METHOD =
      "paired 95 % t-interval of the mean change over seeds: mean ± t(0.975, n−1) · sd/√n";

  /**
   * The interval of the mean of {@code changesPercent}, or {@code null} when there are fewer than
   * two values (one seed has no spread to estimate).
   */
  public static MeanChangeInterval of(double[] changesPercent) {
    int n = changesPercent.length;
    if (n < 2) {
      return null;
    }
    double mean = 0;
    for (double c : changesPercent) {
      mean += c;
    }
    mean /= n;
    double squares = 0;
    for (double c : changesPercent) {
      squares += (c - mean) * (c - mean);
    }
    double sd = Math.sqrt(squares / (n - 1));
    double t = TDistribution.of(n - 1).inverseCumulativeProbability(0.5 + LEVEL / 2);
    double half = t * sd / Math.sqrt(n);
    return new MeanChangeInterval(mean - half, mean + half);
  }

  /** Whether the whole interval lies below zero: the property lowers the error on average. */
  public boolean below0() {
    return highPercent < 0;
  }
}
