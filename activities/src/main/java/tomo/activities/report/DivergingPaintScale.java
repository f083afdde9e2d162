package tomo.activities.report;

import java.awt.Color;
import java.awt.Paint;
import org.jfree.chart.renderer.PaintScale;

/**
 * Blue-white-red colour scale centred at 0 for percentage changes: reductions of the error are
 * blue, increases red, no change white. The stops are ColorBrewer's 11-class RdBu scheme (reversed
 * so blue is negative), which stays readable for the common red-green colour deficiencies. Values
 * beyond the limits take the end colours; NaN (no value) is grey.
 */
final class DivergingPaintScale implements PaintScale {

  /** The colour of a cell without a value, such as the target itself. */
  static final Color NO_VALUE = new Color(0xBDBDBD);

  /** The colour of a failed check's text in every picture. */
  static final Color NOTICE_COLOUR = new Color(0xB2182B);

  private static final Color[] STOPS = {
    new Color(0x053061),
    new Color(0x2166AC),
    new Color(0x4393C3),
    new Color(0x92C5DE),
    new Color(0xD1E5F0),
    new Color(0xF7F7F7),
    new Color(0xFDDBC7),
    new Color(0xF4A582),
    new Color(0xD6604D),
    new Color(0xB2182B),
    new Color(0x67001F),
  };

  private final double limit;

  /**
   * @param limit the |value| that takes the darkest colour, > 0
   */
  DivergingPaintScale(double limit) {
    if (!(limit > 0) || !Double.isFinite(limit)) {
      throw new IllegalArgumentException(
          "colour scale limit must be positive and finite: " + limit);
    }
    this.limit = limit;
  }

  @Override
  public double getLowerBound() {
    return -limit;
  }

  @Override
  public double getUpperBound() {
    return limit;
  }

  @Override
  public Paint getPaint(double value) {
    return color(value);
  }

  Color color(double value) {
    if (Double.isNaN(value)) {
      return NO_VALUE;
    }
    double t = (Math.max(-limit, Math.min(limit, value)) + limit) / (2 * limit);
    double position = t * (STOPS.length - 1);
    int lower = Math.min((int) Math.floor(position), STOPS.length - 2);
    double f = position - lower;
    Color a = STOPS[lower];
    Color b = STOPS[lower + 1];
    return new Color(
        mix(a.getRed(), b.getRed(), f),
        mix(a.getGreen(), b.getGreen(), f),
        mix(a.getBlue(), b.getBlue(), f));
  }

  /** Whether dark text is readable on the colour of this value (otherwise use white). */
  boolean darkTextReadable(double value) {
    Color c = color(value);
    // Relative luminance (ITU-R BT.709 weights on sRGB components, close enough for a threshold).
    double luminance = (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255.0;
    return luminance > 0.5;
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }

  /** The colour limit for a report: the largest |mean change| rounded up to a round number. */
  static double colourLimit(SweepReport report) {
    return colourLimit(report.maxAbsMeanChangePercent());
  }

  /** The colour limit of the paper's bars: the largest |value| rounded up likewise. */
  static double paperColourLimit(SweepReport report) {
    return colourLimit(
        report.cells().stream()
            .mapToDouble(c -> Math.abs(c.paperBounds().valuePercent()))
            .max()
            .orElse(0));
  }

  private static double colourLimit(double max) {
    for (double nice : new double[] {5, 10, 20, 25, 30, 40, 50, 75, 100, 150, 200, 300, 500}) {
      if (max <= nice) {
        return nice;
      }
    }
    return Math.ceil(max / 1000) * 1000;
  }
}
