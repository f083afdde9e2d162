package tomo.activities.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;
import tomo.workflows.model.Representation;

/**
 * Draws one representation's heatmap in the style of the paper's Figures 4 and 5: rows are the
 * added properties, columns the targets. With {@link CellText#MEAN_RANGE} the colour is the mean
 * change of the test error and every cell is annotated with that mean and the [min, max] over
 * seeds; with {@link CellText#PAPER_BOUNDS} the colour is the paper's value (change of the seed
 * means) and the annotation its bar as the paper writes it. Significant cells (the report's primary
 * rule) are bold with *, incomplete cells say so at their top. It draws into images and needs no
 * display; the process entry ({@code TomoCli}) makes AWT headless, not this class.
 */
final class HeatmapRenderer {

  /** What a cell shows. */
  enum CellText {
    /** tomo's: the mean of the per-seed changes, [min, max] over seeds below. */
    MEAN_RANGE,
    /**
     * The paper's: its value, and below it the distances to the bar's bounds, {@code +(upper −
     * value) / −(value − lower)}.
     */
    PAPER_BOUNDS
  }

  private static final String FONT = Font.SANS_SERIF;
  private static final Font TITLE_FONT = new Font(FONT, Font.BOLD, 22);
  private static final Font SUBTITLE_FONT = new Font(FONT, Font.PLAIN, 14);
  private static final Font AXIS_LABEL_FONT = new Font(FONT, Font.BOLD, 15);
  private static final Font TICK_FONT = new Font(FONT, Font.PLAIN, 14);
  private static final Font MEAN_FONT = new Font(FONT, Font.PLAIN, 15);
  private static final Font SIGNIFICANT_MEAN_FONT = new Font(FONT, Font.BOLD, 15);
  private static final Font RANGE_FONT = new Font(FONT, Font.PLAIN, 11);
  private static final Font NO_DATA_FONT = new Font(FONT, Font.ITALIC, 12);
  private static final Font INCOMPLETE_FONT = new Font(FONT, Font.ITALIC, 10);
  private static final Color DARK_TEXT = new Color(0x202020);
  private static final Color MISSING_BACKGROUND = new Color(0xE4E4E4);

  // Vertical offsets of the two annotation lines from the cell centre, in cell heights.
  private static final double MEAN_OFFSET = -0.13;
  private static final double RANGE_OFFSET = 0.22;
  private static final double INCOMPLETE_OFFSET = -0.38;

  private static final Font NOTICE_FONT = new Font(FONT, Font.BOLD, 15);

  private final SweepReport report;
  private final ReportChecks checks;
  private final DivergingPaintScale scale;
  private final CellText cellText;

  /**
   * Cells show tomo's mean and [min, max].
   *
   * @param colourLimitPercent the |mean change| that takes the darkest colour; shared by both
   *     representations so that their colours compare
   */
  HeatmapRenderer(SweepReport report, double colourLimitPercent) {
    this(report, colourLimitPercent, CellText.MEAN_RANGE);
  }

  /**
   * @param colourLimitPercent the |change| that takes the darkest colour
   * @param cellText what each cell shows
   */
  HeatmapRenderer(SweepReport report, double colourLimitPercent, CellText cellText) {
    this.report = report;
    this.checks = report.checks();
    this.scale = new DivergingPaintScale(colourLimitPercent);
    this.cellText = cellText;
  }

  /** The image size: the grid, and room for the most notice lines of any representation. */
  HeatmapLayout layout() {
    int lines = report.representations().stream().mapToInt(r -> notices(r).size()).max().orElse(0);
    return HeatmapLayout.of(
        report.targets().size(),
        report.properties().size() + report.controlProperties().size(),
        lines);
  }

  /**
   * The banner (synthetic or unknown trainer) and the failed gates that bear on one representation,
   * one short line each, thresholds stated; the full texts are in table1.md.
   */
  List<String> notices(Representation representation) {
    List<String> lines = new ArrayList<>();
    report.banner().ifPresent(lines::add);
    List<String> weak = new ArrayList<>();
    boolean unchecked = false;
    for (BaselineCheck b : checks.baselines()) {
      if (b.representation() != representation) {
        continue;
      }
      if (b.ratio() == null) {
        unchecked = true;
      } else if (!b.beatsReference()) {
        weak.add(b.target() + " " + ReportFormat.number(b.ratio()) + " ×");
      }
    }
    if (!weak.isEmpty()) {
      lines.add(
          "WARNING weak baseline (test error not below "
              + ReportFormat.number(ReportChecks.BASELINE_MAX_RATIO)
              + " × the trivial predictor's): "
              + String.join(", ", weak));
    }
    if (unchecked) {
      lines.add("Baseline unchecked: no trivial-predictor error recorded.");
    }
    List<String> failed =
        checks.diagonal().stream()
            .filter(d -> d.representation() == representation)
            .filter(d -> !ReportChecks.diagonalPasses(d))
            .map(d -> d.target() + " " + ReportFormat.percent(d.meanChangePercent()) + " %")
            .toList();
    if (!failed.isEmpty()) {
      lines.add(
          "WARNING diagonal check failed (target as its own input must change the error below "
              + ReportFormat.number(ReportChecks.DIAGONAL_MAX_MEAN_CHANGE_PERCENT)
              + " %): "
              + String.join(", ", failed));
    }
    List<String> controls =
        checks.controls().stream()
            .filter(c -> c.representation() == representation)
            .filter(c -> !ReportChecks.controlPasses(c))
            .map(c -> c.target() + " " + ReportFormat.percent(c.meanChangePercent()) + " %")
            .toList();
    if (!controls.isEmpty()) {
      lines.add(
          "WARNING null control failed (a permuted property must be significant under no rule, |mean|"
              + " ≤ "
              + ReportFormat.number(ReportChecks.CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT)
              + " %): "
              + String.join(", ", controls));
    }
    if (!checks.convergence().passes()) {
      lines.add(
          "WARNING not converged: "
              + ReportFormat.number(100 * checks.convergence().shareAtLastEpoch())
              + " % of trainings best at their last epoch (threshold: at most "
              + ReportFormat.number(100 * ReportChecks.CONVERGENCE_MAX_SHARE)
              + " %)");
    }
    return lines;
  }

  JFreeChart chart(Representation representation) {
    List<String> targets = report.targets();
    List<String> properties = report.properties();
    // the null controls below the findings, past a dark rule, labelled as controls
    List<String> controls = report.controlProperties();
    List<String> rowLabels = report.heatmapRowLabels();

    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    renderer.setBlockWidth(1.0);
    renderer.setBlockHeight(1.0);
    renderer.setDefaultToolTipGenerator(null);
    DefaultXYZDataset dataset = new DefaultXYZDataset();
    XYPlot plot = new XYPlot(dataset, xAxis(targets), yAxis(rowLabels), renderer);

    Map<List<String>, CellSummary> cells = new HashMap<>();
    for (CellSummary c : report.cells()) {
      if (c.representation() == representation) {
        cells.put(List.of(c.target(), c.property()), c);
      }
    }
    // Blocks for cells with a value and for the target itself (NaN paints grey); a cell without any
    // paired seed has no block, so the light plot background shows through with "no data".
    List<double[]> blocks = new ArrayList<>();
    for (int column = 0; column < targets.size(); column++) {
      for (int row = 0; row < properties.size(); row++) {
        String target = targets.get(column);
        String property = properties.get(row);
        Optional<CellSummary> cell = Optional.ofNullable(cells.get(List.of(target, property)));
        if (cell.isPresent()) {
          blocks.add(new double[] {column, row, value(cell.get())});
          annotate(plot, cell.get(), column, row);
        } else if (property.equals(target)) {
          blocks.add(new double[] {column, row, Double.NaN});
          Optional<CellSummary> diagonal = report.diagonalCell(target, representation);
          if (diagonal.isPresent()) {
            annotateDiagonal(plot, diagonal.get(), column, row);
          }
        } else {
          XYTextAnnotation none = new XYTextAnnotation("no data", column, row);
          none.setFont(NO_DATA_FONT);
          none.setPaint(DARK_TEXT);
          plot.addAnnotation(none);
        }
      }
    }
    for (int column = 0; column < targets.size(); column++) {
      for (int k = 0; k < controls.size(); k++) {
        int row = properties.size() + k;
        Optional<CellSummary> cell =
            report.controlCell(targets.get(column), controls.get(k), representation);
        if (cell.isPresent()) {
          blocks.add(new double[] {column, row, cell.get().meanChangePercent()});
          annotate(plot, cell.get(), column, row);
        } else {
          XYTextAnnotation none = new XYTextAnnotation("no data", column, row);
          none.setFont(NO_DATA_FONT);
          none.setPaint(DARK_TEXT);
          plot.addAnnotation(none);
        }
      }
    }
    double[][] xyz = new double[3][blocks.size()];
    for (int i = 0; i < blocks.size(); i++) {
      for (int k = 0; k < 3; k++) {
        xyz[k][i] = blocks.get(i)[k];
      }
    }
    dataset.addSeries("mean change (%)", xyz);
    drawCellBorders(plot, targets.size(), rowLabels.size());
    if (!controls.isEmpty()) {
      double y = properties.size() - 0.5;
      plot.addAnnotation(
          new XYLineAnnotation(
              -0.5, y, targets.size() - 0.5, y, new BasicStroke(5f), Color.DARK_GRAY));
    }

    plot.setBackgroundPaint(MISSING_BACKGROUND);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
    plot.setOutlinePaint(Color.GRAY);

    JFreeChart chart =
        new JFreeChart(report.titlePrefix() + title(representation), TITLE_FONT, plot, false);
    chart.setBackgroundPaint(Color.WHITE);
    chart.setPadding(new RectangleInsets(10, 10, 10, 20));
    for (String line : notices(representation)) {
      TextTitle notice = new TextTitle(line, NOTICE_FONT);
      notice.setPaint(DivergingPaintScale.NOTICE_COLOUR);
      chart.addSubtitle(notice);
    }
    for (String line : subtitle()) {
      TextTitle subtitle = new TextTitle(line, SUBTITLE_FONT);
      subtitle.setPaint(DARK_TEXT);
      chart.addSubtitle(subtitle);
    }
    chart.addSubtitle(legend());
    return chart;
  }

  void writePng(JFreeChart chart, Path file) throws IOException {
    HeatmapLayout layout = layout();
    ChartUtils.saveChartAsPNG(file.toFile(), chart, layout.widthPx(), layout.heightPx());
  }

  void writeSvg(JFreeChart chart, Path file) throws IOException {
    HeatmapLayout layout = layout();
    SVGGraphics2D g2 = new SVGGraphics2D(layout.widthPx(), layout.heightPx());
    // The default prefix holds a timestamp; a fixed one makes the file reproducible.
    g2.setDefsKeyPrefix("tomo");
    chart.draw(g2, new Rectangle2D.Double(0, 0, layout.widthPx(), layout.heightPx()));
    SVGUtils.writeToSVG(file.toFile(), g2.getSVGElement());
  }

  /** The number a cell is coloured by and leads with. */
  private double value(CellSummary cell) {
    return cellText == CellText.PAPER_BOUNDS
        ? cell.paperBounds().valuePercent()
        : cell.meanChangePercent();
  }

  /** The second line of a cell: [min, max], or the paper's distances to its bounds. */
  private String secondLine(CellSummary cell) {
    return cellText == CellText.PAPER_BOUNDS
        ? ReportFormat.paperDistances(cell.paperBounds())
        : ReportFormat.percentRange(cell.minChangePercent(), cell.maxChangePercent());
  }

  private void annotate(XYPlot plot, CellSummary cell, int column, int row) {
    double value = value(cell);
    // a null control is never a finding: no star, "!" where its gate failed
    boolean control = report.controls().contains(cell);
    boolean significant = !control && cell.significant(report.criteria().primaryRule());
    Color text = scale.darkTextReadable(value) ? DARK_TEXT : Color.WHITE;
    String mean =
        ReportFormat.percent(value)
            + (control ? ReportChecks.controlPasses(cell) ? "" : " !" : significant ? "*" : "");
    XYTextAnnotation meanText = new XYTextAnnotation(mean, column, row + MEAN_OFFSET);
    meanText.setFont(significant ? SIGNIFICANT_MEAN_FONT : MEAN_FONT);
    meanText.setPaint(text);
    meanText.setTextAnchor(TextAnchor.CENTER);
    plot.addAnnotation(meanText);
    if (!cell.complete()) {
      XYTextAnnotation incomplete =
          new XYTextAnnotation(
              "incomplete: " + cell.incompleteReason(), column, row + INCOMPLETE_OFFSET);
      incomplete.setFont(INCOMPLETE_FONT);
      incomplete.setPaint(text);
      incomplete.setTextAnchor(TextAnchor.CENTER);
      plot.addAnnotation(incomplete);
    }

    XYTextAnnotation rangeText = new XYTextAnnotation(secondLine(cell), column, row + RANGE_OFFSET);
    rangeText.setFont(RANGE_FONT);
    rangeText.setPaint(text);
    rangeText.setTextAnchor(TextAnchor.CENTER);
    plot.addAnnotation(rangeText);
  }

  /** The diagonal check in the target's own grey cell: its mean change and the verdict. */
  private static void annotateDiagonal(XYPlot plot, CellSummary d, int column, int row) {
    boolean passed = ReportChecks.diagonalPasses(d);
    XYTextAnnotation mean =
        new XYTextAnnotation(
            "self " + ReportFormat.percent(d.meanChangePercent()), column, row + MEAN_OFFSET);
    mean.setFont(MEAN_FONT);
    mean.setPaint(passed ? DARK_TEXT : DivergingPaintScale.NOTICE_COLOUR);
    plot.addAnnotation(mean);
    XYTextAnnotation verdict =
        new XYTextAnnotation(passed ? "check passed" : "CHECK FAILED", column, row + RANGE_OFFSET);
    verdict.setFont(RANGE_FONT);
    verdict.setPaint(passed ? DARK_TEXT : DivergingPaintScale.NOTICE_COLOUR);
    plot.addAnnotation(verdict);
  }

  private static void drawCellBorders(XYPlot plot, int columns, int rows) {
    BasicStroke stroke = new BasicStroke(1.5f);
    for (int c = 1; c < columns; c++) {
      plot.addAnnotation(
          new XYLineAnnotation(c - 0.5, -0.5, c - 0.5, rows - 0.5, stroke, Color.WHITE));
    }
    for (int r = 1; r < rows; r++) {
      plot.addAnnotation(
          new XYLineAnnotation(-0.5, r - 0.5, columns - 0.5, r - 0.5, stroke, Color.WHITE));
    }
  }

  private static SymbolAxis xAxis(List<String> targets) {
    SymbolAxis axis = new SymbolAxis("target", targets.toArray(String[]::new));
    styleSymbolAxis(axis, targets.size());
    axis.setVerticalTickLabels(true);
    return axis;
  }

  private static SymbolAxis yAxis(List<String> properties) {
    SymbolAxis axis = new SymbolAxis("added property", properties.toArray(String[]::new));
    styleSymbolAxis(axis, properties.size());
    // First property at the top, as in the paper.
    axis.setInverted(true);
    return axis;
  }

  private static void styleSymbolAxis(SymbolAxis axis, int count) {
    axis.setGridBandsVisible(false);
    axis.setAutoRange(false);
    axis.setRange(-0.5, Math.max(1, count) - 0.5);
    axis.setTickLabelFont(TICK_FONT);
    axis.setLabelFont(AXIS_LABEL_FONT);
    axis.setTickMarksVisible(false);
    axis.setAxisLineVisible(false);
  }

  private PaintScaleLegend legend() {
    NumberAxis axis =
        new NumberAxis(
            cellText == CellText.PAPER_BOUNDS
                ? "change of the seed means of test error (%)"
                : "mean change of test error (%)");
    axis.setRange(scale.getLowerBound(), scale.getUpperBound());
    axis.setTickUnit(new NumberTickUnit(tickUnit(scale.getUpperBound())));
    axis.setTickLabelFont(TICK_FONT);
    axis.setLabelFont(SUBTITLE_FONT);
    PaintScaleLegend legend = new PaintScaleLegend(scale, axis);
    legend.setPosition(RectangleEdge.RIGHT);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
    legend.setStripWidth(22);
    legend.setSubdivisionCount(200);
    legend.setMargin(new RectangleInsets(40, 18, 40, 0));
    legend.setStripOutlineVisible(true);
    return legend;
  }

  private String title(Representation representation) {
    String label = representation.label();
    String name = label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1);
    return name
        + ": change of the test error when a property is added"
        + (cellText == CellText.PAPER_BOUNDS ? " (the paper's bars)" : "");
  }

  private List<String> subtitle() {
    int fewest = report.cells().stream().mapToInt(CellSummary::seedCount).min().orElse(0);
    int most = report.cells().stream().mapToInt(CellSummary::seedCount).max().orElse(0);
    String seeds = fewest == most ? String.valueOf(most) : fewest + "–" + most;
    String cell =
        cellText == CellText.PAPER_BOUNDS
            ? "Cell: the paper's value, % change of the seed means of the test error over "
                + seeds
                + " seeds; below, +/− to its bar's bounds."
            : "Cell: mean % change of test MAE (error rate for categorical targets) over "
                + seeds
                + " seeds, [min, max] below.";
    return List.of(
        cell,
        "Bold with *: significant (primary rule: "
            + report.criteria().primaryRule()
            + "). \"incomplete\": a seed missing or < 2 seeds, never significant.",
        "Blue: lower error, red: higher. Grey: the target itself (\"self\": the diagonal check)."
            + (report.controlProperties().isEmpty()
                ? " No null control in this sweep."
                : " Below the dark rule: the null control, a property permuted across materials"
                    + " (no information); \"!\": its gate failed."));
  }

  /** A round tick spacing giving at most five ticks on each side of 0, so labels never crowd. */
  static double tickUnit(double limit) {
    for (double magnitude = 1; ; magnitude *= 10) {
      for (double step : new double[] {1, 2, 2.5, 5}) {
        if (limit / (step * magnitude) <= 5) {
          return step * magnitude;
        }
      }
    }
  }
}
