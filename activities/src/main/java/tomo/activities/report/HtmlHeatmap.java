package tomo.activities.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/**
 * One representation's heatmap as inline SVG for the HTML report: the same cells, colours and
 * annotations as the PNG, and in every cell's tooltip (an SVG {@code <title>}, which browsers show
 * on hover without script) its per-seed changes, the paper's bar and the verdict of every rule. An
 * incomplete cell is outlined dashed and says so in place of its range; the target's own cell shows
 * the diagonal check.
 */
final class HtmlHeatmap {
  private static final int CELL_WIDTH = 112;
  private static final int CELL_HEIGHT = 46;
  private static final double CHAR_WIDTH = 7.2; // of the 13 px labels, enough for the margins
  private static final int CONTROL_GAP = 14; // between the findings and the null-control rows
  private static final String LEGEND_CAPTION = "mean change of the test error (blue: lower)";
  // the legend bar, its tick labels 30 px below its top and the caption's descenders at 52 px
  private static final int LEGEND_HEIGHT = 58;

  private final SweepReport report;
  private final DivergingPaintScale scale;
  private final Map<List<Object>, List<PairedTraining>> pairsByCell = new HashMap<>();

  HtmlHeatmap(SweepReport report, double colourLimitPercent) {
    this.report = report;
    this.scale = new DivergingPaintScale(colourLimitPercent);
    for (PairedTraining p : report.pairs()) {
      pairsByCell
          .computeIfAbsent(
              List.of(p.target(), p.property(), p.representation()), k -> new ArrayList<>())
          .add(p);
    }
  }

  String svg(Representation representation) {
    List<String> targets = report.targets();
    List<String> properties = report.properties();
    List<String> controls = report.controlProperties();
    List<String> labels = report.heatmapRowLabels();
    int left = 16 + (int) (CHAR_WIDTH * longest(labels));
    // target labels rise at 45° from their column's centre: as high and as far right as they are
    int slant = (int) (CHAR_WIDTH * longest(targets) * 0.72);
    int top = 16 + slant;
    int legendWidth = legendWidth(targets.size());
    // the legend can outgrow a narrow grid (one target): the picture is as wide as the wider
    int width =
        Math.max(
            left + CELL_WIDTH * targets.size() + Math.max(24, slant - CELL_WIDTH / 2 + 8),
            left + legendWidth + 16);
    int controlTop = top + CELL_HEIGHT * properties.size() + CONTROL_GAP;
    int legendTop =
        (controls.isEmpty() ? top + CELL_HEIGHT * properties.size() : controlTop)
            + CELL_HEIGHT * controls.size()
            + 24;
    int height = legendTop + LEGEND_HEIGHT;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg class=\"heatmap\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"%s heatmap\">",
            width,
            height,
            width,
            height,
            ReportFormat.escape(representation.label())));
    for (int column = 0; column < targets.size(); column++) {
      double x = left + CELL_WIDTH * (column + 0.5);
      s.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" transform=\"translate(%.1f %d) rotate(-45)\">%s</text>",
              x,
              top - 6,
              ReportFormat.escape(targets.get(column))));
    }
    for (int row = 0; row < properties.size(); row++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text class=\"label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
              left - 8,
              top + CELL_HEIGHT * row + CELL_HEIGHT / 2 + 4,
              ReportFormat.escape(properties.get(row))));
    }
    for (int column = 0; column < targets.size(); column++) {
      for (int row = 0; row < properties.size(); row++) {
        cell(
            s,
            targets.get(column),
            properties.get(row),
            representation,
            left + CELL_WIDTH * column,
            top + CELL_HEIGHT * row);
      }
    }
    if (!controls.isEmpty()) {
      // the null control: its own rows below a rule, never a finding
      s.append(
          String.format(
              Locale.ROOT,
              "<line class=\"control-rule\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                  + " stroke=\"#404040\" stroke-width=\"3\"/>",
              8,
              controlTop - CONTROL_GAP / 2,
              left + CELL_WIDTH * targets.size(),
              controlTop - CONTROL_GAP / 2));
      for (int k = 0; k < controls.size(); k++) {
        int y = controlTop + CELL_HEIGHT * k;
        s.append(
            String.format(
                Locale.ROOT,
                "<text class=\"label control\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
                left - 8,
                y + CELL_HEIGHT / 2 + 4,
                ReportFormat.escape(SweepReport.controlLabel(controls.get(k)))));
        for (int column = 0; column < targets.size(); column++) {
          cell(
              s,
              targets.get(column),
              controls.get(k),
              representation,
              left + CELL_WIDTH * column,
              y);
        }
      }
    }
    legend(s, "scale-" + representation.label(), left, legendTop, legendWidth);
    return s.append("</svg>").toString();
  }

  /**
   * As wide as the grid, but at least two cells and the caption: centred under a bar at least its
   * width, the caption and the end labels never reach past the bar's ends.
   */
  private static int legendWidth(int columns) {
    int caption = (int) Math.ceil(CHAR_WIDTH * LEGEND_CAPTION.length());
    return Math.max(Math.max(CELL_WIDTH * 2, CELL_WIDTH * columns), caption);
  }

  private void cell(
      StringBuilder s,
      String target,
      String property,
      Representation representation,
      int x,
      int y) {
    boolean control = NullControl.isControl(property);
    var summary =
        control
            ? report.controlCell(target, property, representation)
            : report.cell(target, property, representation);
    if (summary.isEmpty() && property.equals(target)) {
      diagonal(s, target, representation, x, y);
      return;
    }
    // a null control is never a finding: no star; "!" where its gate failed
    boolean star =
        !control && summary.map(c -> c.significant(report.criteria().primaryRule())).orElse(false);
    String mark =
        control
            ? summary.filter(c -> !ReportChecks.controlPasses(c)).map(c -> " !").orElse("")
            : "";
    String fill;
    String text;
    List<String> lines = new ArrayList<>();
    lines.add(
        (control ? SweepReport.controlLabel(property) : property)
            + " → "
            + target
            + " ("
            + representation
            + ")");
    if (summary.isPresent()) {
      CellSummary c = summary.get();
      fill = ReportFormat.hex(scale.color(c.meanChangePercent()));
      text = scale.darkTextReadable(c.meanChangePercent()) ? "#202020" : "#ffffff";
      lines.add(
          String.format(
              Locale.ROOT,
              "mean %s %%, range [%s, %s] over %d seed(s)%s",
              ReportFormat.percent(c.meanChangePercent()),
              ReportFormat.percent(c.minChangePercent()),
              ReportFormat.percent(c.maxChangePercent()),
              c.seedCount(),
              control
                  ? ReportChecks.controlPasses(c)
                      ? ": null control passed"
                      : ": null control FAILED, " + ReportChecks.controlFailure(c)
                  : star ? ": significant" : ""));
      lines.add(
          String.format(
              Locale.ROOT,
              "paper: %s %% %s, bar [%s, %s]",
              ReportFormat.percent(c.paperBounds().valuePercent()),
              ReportFormat.paperDistances(c.paperBounds()),
              ReportFormat.percent(c.paperBounds().lowerPercent()),
              ReportFormat.percent(c.paperBounds().upperPercent())));
      lines.add(verdicts(c));
      lines.addAll(seedLines(target, property, representation));
    } else {
      fill = "#e4e4e4";
      text = "#202020";
      lines.add("no data: no seed has both trainings");
    }
    openCell(s, lines, x, y, fill);
    int cx = x + CELL_WIDTH / 2;
    if (summary.isPresent()) {
      CellSummary c = summary.get();
      if (!c.complete()) {
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"incomplete\"/>",
                x + 2,
                y + 2,
                CELL_WIDTH - 4,
                CELL_HEIGHT - 4));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"mean%s\">%s</text>"
                  + "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"range\">%s</text>",
              cx,
              y + 20,
              text,
              star ? " significant" : "",
              ReportFormat.percent(c.meanChangePercent()) + (star ? "*" : "") + mark,
              cx,
              y + 36,
              text,
              c.complete()
                  ? ReportFormat.percentRange(c.minChangePercent(), c.maxChangePercent())
                  : "incomplete"));
    } else {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"none\">no data</text>",
              cx,
              y + CELL_HEIGHT / 2 + 4,
              text));
    }
    s.append("</g>");
  }

  /**
   * The target's own cell, grey as in the PNG: the diagonal check's mean ("self") and verdict when
   * the sweep trained the target as its own input.
   */
  private void diagonal(
      StringBuilder s, String target, Representation representation, int x, int y) {
    Optional<CellSummary> check = report.diagonalCell(target, representation);
    List<String> lines = new ArrayList<>();
    lines.add(target + " → " + target + " (" + representation + ")");
    if (check.isEmpty()) {
      lines.add("the target itself: no trainings");
      openCell(s, lines, x, y, ReportFormat.hex(DivergingPaintScale.NO_VALUE));
      s.append("</g>");
      return;
    }
    CellSummary d = check.get();
    boolean passed = ReportChecks.diagonalPasses(d);
    lines.add(
        String.format(
            Locale.ROOT,
            "the target as its own input (the diagonal check): mean %s %%, range [%s, %s] over"
                + " %d seed(s)",
            ReportFormat.percent(d.meanChangePercent()),
            ReportFormat.percent(d.minChangePercent()),
            ReportFormat.percent(d.maxChangePercent()),
            d.seedCount()));
    lines.add(
        (passed ? "check passed" : "CHECK FAILED")
            + ": the mean must be below "
            + ReportFormat.number(ReportChecks.DIAGONAL_MAX_MEAN_CHANGE_PERCENT)
            + " %");
    lines.addAll(seedLines(target, target, representation));
    openCell(s, lines, x, y, ReportFormat.hex(DivergingPaintScale.NO_VALUE));
    String text = passed ? "#202020" : ReportFormat.hex(DivergingPaintScale.NOTICE_COLOUR);
    int cx = x + CELL_WIDTH / 2;
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"mean diagonal\">self %s</text>"
                + "<text x=\"%d\" y=\"%d\" fill=\"%s\" class=\"range diagonal\">%s</text></g>",
            cx,
            y + 20,
            text,
            ReportFormat.percent(d.meanChangePercent()),
            cx,
            y + 36,
            text,
            passed ? "check passed" : "CHECK FAILED"));
  }

  /** A cell's group, its tooltip and its background; the caller adds its text and closes it. */
  private static void openCell(StringBuilder s, List<String> tooltip, int x, int y, String fill) {
    s.append("<g class=\"cell\"><title>")
        .append(ReportFormat.escape(String.join("\n", tooltip)))
        .append("</title>");
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>",
            x,
            y,
            CELL_WIDTH,
            CELL_HEIGHT,
            fill));
  }

  /** One tooltip line per paired seed of a cell: its change and both metrics. */
  private List<String> seedLines(String target, String property, Representation representation) {
    List<String> lines = new ArrayList<>();
    for (PairedTraining p :
        pairsByCell.getOrDefault(List.of(target, property, representation), List.of())) {
      lines.add(
          String.format(
              Locale.ROOT,
              "seed %d: %s %% (%s %s → %s)",
              p.seed(),
              ReportFormat.percent(p.changePercent()),
              p.metric(),
              ReportFormat.metric(p.baselineMetric()),
              ReportFormat.metric(p.augmentedMetric())));
    }
    return lines;
  }

  /** Every rule's verdict on one line, the primary one marked, or why the cell is incomplete. */
  private String verdicts(CellSummary c) {
    if (!c.complete()) {
      return "INCOMPLETE (" + c.incompleteReason() + "): never significant";
    }
    List<String> parts = new ArrayList<>();
    for (SignificanceRule rule : SignificanceRule.values()) {
      parts.add(
          rule
              + (rule == report.criteria().primaryRule() ? " (primary)" : "")
              + ": "
              + (c.significant(rule) ? "significant" : "no"));
    }
    return String.join(", ", parts);
  }

  /** The colour scale as a horizontal bar with its limits and 0. */
  private void legend(StringBuilder s, String id, int x, int y, int width) {
    double limit = scale.getUpperBound();
    s.append("<g class=\"legend\"><defs><linearGradient id=\"").append(id).append("\">");
    for (int i = 0; i <= 20; i++) {
      double v = -limit + 2 * limit * i / 20;
      s.append(
          String.format(
              Locale.ROOT,
              "<stop offset=\"%.3f\" stop-color=\"%s\"/>",
              i / 20.0,
              ReportFormat.hex(scale.color(v))));
    }
    s.append("</linearGradient></defs>");
    s.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"url(#%s)\""
                + " stroke=\"#888\"/>",
            x,
            y,
            width,
            id));
    String[] labels = {
      ReportFormat.percent(-limit) + " %", "0", ReportFormat.percent(limit) + " %"
    };
    String[] anchors = {"start", "middle", "end"};
    for (int i = 0; i < 3; i++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"%s\">%s</text>",
              x + width * i / 2,
              y + 30,
              anchors[i],
              labels[i]));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s</text></g>",
            x + width / 2,
            y + 48,
            LEGEND_CAPTION));
  }

  private static int longest(List<String> names) {
    return names.stream().mapToInt(String::length).max().orElse(4);
  }
}
