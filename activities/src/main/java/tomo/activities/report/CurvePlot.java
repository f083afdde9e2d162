package tomo.activities.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import tomo.activities.store.EpochPoint;

/**
 * A small SVG line plot of learning curves: one panel (validation metric or training loss), the
 * baseline trainings of a cell in grey and the augmented ones in colour, one line per seed. Long
 * curves are thinned to at most {@link #MAX_POINTS} points, first and last kept, so a report of
 * thousands of trainings stays a file a browser opens at once.
 */
final class CurvePlot {
  /** Most points drawn per curve. */
  static final int MAX_POINTS = 100;

  // viewBox units; the SVG is shown at half this size, so integer coordinates are half pixels
  private static final int WIDTH = 440;
  private static final int HEIGHT = 240;
  private static final int LEFT = 92;
  private static final int RIGHT = 12;
  private static final int TOP = 34;
  private static final int BOTTOM = 36;

  /** Largest over smallest value from which a panel is drawn on a log scale. */
  static final double LOG_RATIO = 10;

  static final String BASELINE_COLOUR = "#7f7f7f";
  static final String AUGMENTED_COLOUR = "#d95f02";

  private final String label;
  private final ToDoubleFunction<EpochPoint> value;

  /**
   * @param label the panel's label, e.g. "validation MAE"
   * @param value what is drawn of each epoch
   */
  CurvePlot(String label, ToDoubleFunction<EpochPoint> value) {
    this.label = label;
    this.value = value;
  }

  /** The panel as an inline {@code <svg>} element. */
  String svg(List<LearningCurve> baselines, List<LearningCurve> augmented) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int lastEpoch = 1;
    for (List<LearningCurve> group : List.of(baselines, augmented)) {
      for (LearningCurve c : group) {
        for (EpochPoint p : c.points()) {
          double v = value.applyAsDouble(p);
          if (Double.isFinite(v)) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          lastEpoch = Math.max(lastEpoch, p.epoch());
        }
      }
    }
    // a curve that starts far above where it ends (an untrained first epoch) would flatten the
    // rest into the bottom rows of pixels: such a panel is drawn on a log scale
    boolean log = lo > 0 && hi / lo >= LOG_RATIO;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"curve\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\">",
            WIDTH,
            HEIGHT,
            WIDTH / 2,
            HEIGHT / 2));
    s.append("<text x=\"")
        .append(LEFT)
        .append("\" y=\"22\" class=\"panel\">")
        .append(ReportFormat.escape(log ? label + " (log scale)" : label))
        .append("</text>");
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"frame\"/>",
            LEFT,
            TOP,
            WIDTH - LEFT - RIGHT,
            HEIGHT - TOP - BOTTOM));
    if (!(lo <= hi)) {
      s.append("<text x=\"")
          .append(WIDTH / 2)
          .append("\" y=\"")
          .append(HEIGHT / 2)
          .append("\" class=\"none\">no values</text></svg>");
      return s.toString();
    }
    double a = log ? Math.log10(lo) : lo;
    double b = log ? Math.log10(hi) : hi;
    if (b - a < 1e-12 * Math.max(1, Math.abs(b))) {
      a -= 0.5; // a flat curve: give it a band to sit in
      b += 0.5;
    }
    double pad = 0.05 * (b - a);
    Axis axis = new Axis(a - pad, b + pad, log);
    axisLabels(s, axis, lo, hi, lastEpoch);
    for (LearningCurve c : baselines) {
      line(s, c, "baseline", BASELINE_COLOUR, axis, lastEpoch);
    }
    for (LearningCurve c : augmented) {
      line(s, c, "+ " + c.property(), AUGMENTED_COLOUR, axis, lastEpoch);
    }
    return s.append("</svg>").toString();
  }

  /** The vertical axis: from {@code low} to {@code high}, in log10 units when {@code log}. */
  private record Axis(double low, double high, boolean log) {
    double y(double value) {
      double v = log ? Math.log10(value) : value;
      return TOP + (HEIGHT - TOP - BOTTOM) * (high - v) / (high - low);
    }
  }

  /** The smallest and largest value drawn, at their heights, and the first and last epoch. */
  private static void axisLabels(StringBuilder s, Axis axis, double lo, double hi, int lastEpoch) {
    int bottom = HEIGHT - BOTTOM;
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"tick\">1</text>"
                + "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">epoch %d</text>",
            LEFT,
            bottom + 26,
            WIDTH - RIGHT,
            bottom + 26,
            lastEpoch));
    for (double v : lo == hi ? new double[] {hi} : new double[] {hi, lo}) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"end\">%s</text>",
              LEFT - 6,
              Math.round(axis.y(v)) + 7,
              ReportFormat.metric(v)));
    }
  }

  private void line(
      StringBuilder s, LearningCurve c, String role, String colour, Axis axis, int lastEpoch) {
    List<EpochPoint> points = thin(c.points());
    if (points.isEmpty()) {
      return;
    }
    s.append("<polyline stroke=\"").append(colour).append("\" points=\"");
    double plotWidth = WIDTH - LEFT - RIGHT;
    boolean first = true;
    for (EpochPoint p : points) {
      double v = value.applyAsDouble(p);
      if (!Double.isFinite(v)) {
        continue;
      }
      double x =
          LEFT + (lastEpoch == 1 ? plotWidth / 2 : plotWidth * (p.epoch() - 1) / (lastEpoch - 1));
      double y = axis.y(v);
      if (!first) {
        s.append(' ');
      }
      first = false;
      s.append(Math.round(x)).append(',').append(Math.round(y));
    }
    s.append("\"><title>")
        .append(ReportFormat.escape(role + ", seed " + c.seed()))
        .append(": ")
        .append(ReportFormat.metric(value.applyAsDouble(c.points().get(c.points().size() - 1))))
        .append(" at epoch ")
        .append(c.points().get(c.points().size() - 1).epoch())
        .append("</title></polyline>");
  }

  /** At most {@link #MAX_POINTS} points, evenly spread over the curve, first and last kept. */
  static List<EpochPoint> thin(List<EpochPoint> points) {
    if (points.size() <= MAX_POINTS) {
      return points;
    }
    List<EpochPoint> kept = new ArrayList<>(MAX_POINTS);
    int last = points.size() - 1;
    for (int i = 0; i < MAX_POINTS; i++) {
      kept.add(points.get((int) Math.round((double) i * last / (MAX_POINTS - 1))));
    }
    return kept;
  }
}
