package tomo.activities.report;

import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How the report writes its numbers and text: the signed % changes, the thresholds and ratios, the
 * metrics, the paper's bars, HTML/SVG escaping and colours. Every renderer (Markdown, CSV, JSON,
 * PNG, SVG, HTML) formats through here, so a value reads the same in every file and no renderer
 * imports another for its helpers. All of it is {@link Locale#ROOT}: a report does not depend on
 * the machine that wrote it.
 */
final class ReportFormat {
  /** Between the items of a list inside one CSV or table cell (warnings, verdicts). */
  static final String LIST_SEPARATOR = "; ";

  private ReportFormat() {}

  /**
   * "12 trainings; 9 augmented trainings paired with their baseline; 9 cells": the counts every
   * format states under its title or table.
   */
  static String counts(SweepReport report) {
    return report.trainings().size()
        + " trainings; "
        + report.pairs().size()
        + " augmented trainings paired with their baseline; "
        + report.cells().size()
        + " cells";
  }

  /** A change in %, signed, one decimal below ±1000 and none from there: -11.7, +4.0, +1235. */
  static String percent(double value) {
    return Math.abs(value) >= 1000
        ? String.format(Locale.ROOT, "%+.0f", value)
        : String.format(Locale.ROOT, "%+.1f", value);
  }

  /** A cell's mean change and its range over seeds: {@code +0.4 % [-0.2, +1.1]}. */
  static String changeWithRange(CellSummary c) {
    return percent(c.meanChangePercent())
        + " % "
        + percentRange(c.minChangePercent(), c.maxChangePercent());
  }

  /** Two changes in % as {@code [low, high]}, each as {@link #percent}. */
  static String percentRange(double low, double high) {
    return "[" + percent(low) + ", " + percent(high) + "]";
  }

  /** A number with up to 4 significant digits, without trailing zeros. */
  static String number(double value) {
    return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /** A metric or loss value with 3 significant digits, as the curves and tooltips show it. */
  static String metric(double value) {
    return String.format(Locale.ROOT, "%.3g", value);
  }

  /** The paper's bar: its value, then its [lower, upper] bound, in %. */
  static String paperBar(PaperBounds b) {
    return percent(b.valuePercent()) + " % " + percentRange(b.lowerPercent(), b.upperPercent());
  }

  /** The paper's bar as error-bar distances from its value: {@code +a/−b}, in %. */
  static String paperDistances(PaperBounds b) {
    return String.format(
        Locale.ROOT,
        "+%.1f/−%.1f",
        b.upperPercent() - b.valuePercent(),
        b.valuePercent() - b.lowerPercent());
  }

  /** Text as HTML or SVG character data or attribute value. */
  static String escape(String text) {
    StringBuilder s = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> s.append("&amp;");
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }

  /** A colour as HTML/SVG writes it: {@code #rrggbb}. */
  static String hex(Color c) {
    return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
