package tomo.cgcnn;

/**
 * Shifts and scales a numeric value to zero mean and unit variance: (x − mean) / std.
 *
 * @param mean mean in the property's unit
 * @param std standard deviation in the property's unit (1 where the values do not vary)
 */
public record Standardizer(double mean, double std) {

  public static final Standardizer IDENTITY = new Standardizer(0, 1);

  /** Mean and (population) standard deviation of {@code values[rows[i]]}. */
  public static Standardizer of(double[] values, int[] rows) {
    return rows.length == 0 ? IDENTITY : of(values, rows, 0);
  }

  /**
   * Mean and sample standard deviation (ddof 1, as pandas' {@code std()}) of {@code
   * values[rows[i]]}: the paper's column statistics.
   */
  public static Standardizer ofSample(double[] values, int[] rows) {
    return rows.length < 2 ? of(values, rows) : of(values, rows, 1);
  }

  /** Mean and standard deviation with {@code ddof} degrees of freedom taken off the count. */
  private static Standardizer of(double[] values, int[] rows, int ddof) {
    double sum = 0;
    for (int r : rows) {
      sum += values[r];
    }
    double mean = sum / rows.length;
    double ss = 0;
    for (int r : rows) {
      double d = values[r] - mean;
      ss += d * d;
    }
    double std = Math.sqrt(ss / (rows.length - ddof));
    return new Standardizer(mean, std > 0 ? std : 1);
  }

  public double apply(double x) {
    return (x - mean) / std;
  }

  public double invert(double z) {
    return z * std + mean;
  }
}
