package tomo.activities.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import tomo.activities.report.Table1Layout.Column;
import tomo.activities.report.Table1Layout.ControlLine;
import tomo.activities.store.EpochPoint;
import tomo.workflows.model.Representation;

/**
 * Writes {@code report.html}: one self-contained page (inline CSS, SVG and a few lines of script;
 * no external URL, so it opens offline and can be mailed) with the warnings, both heatmaps with
 * every cell's per-seed changes on hover, Table 1, the learning curves of every cell (baseline
 * against augmented, one line per seed) and the provenance summary.
 */
final class HtmlReportWriter {
  private static final String STYLE =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;
      color:#202020;max-width:1600px}
      h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #ddd}
      p.lead{color:#555;margin:0 0 12px}
      .warnings{background:#fff4e5;border-left:4px solid #e08a00;padding:8px 16px;margin:12px 0}
      .warnings li{margin:4px 0}
      table{border-collapse:collapse;margin:8px 0}
      th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}
      th{background:#f2f2f2}
      svg text{font-family:inherit}
      .heatmaps{display:flex;flex-wrap:wrap;gap:8px 40px}
      svg.heatmap{display:block;margin:8px 0 16px}
      svg.heatmap .label{font-size:13px}
      svg.heatmap .label.control{font-style:italic}
      tr.control td{background:#f6f6f6;font-style:italic}
      svg.heatmap .mean{font-size:15px;text-anchor:middle}
      svg.heatmap .mean.significant{font-weight:bold}
      svg.heatmap .range{font-size:11px;text-anchor:middle}
      svg.heatmap .none{font-size:12px;font-style:italic;text-anchor:middle}
      svg.heatmap rect.incomplete{fill:none;stroke:#202020;stroke-width:1.5;stroke-dasharray:4 3}
      svg.heatmap .tick,svg.curve .tick{font-size:12px}
      svg.heatmap g.cell:hover rect{stroke:#000;stroke-width:2}
      svg.curve .tick{font-size:20px;fill:#555}
      svg.curve .panel{font-size:22px;fill:#333}
      svg.curve .none{font-size:20px;text-anchor:middle;fill:#888}
      svg.curve .frame{fill:none;stroke:#bbb}
      svg.curve polyline{fill:none;stroke-width:2.5;stroke-opacity:.75}
      svg.curve polyline:hover{stroke-width:6;stroke-opacity:1}
      details{margin:6px 0}summary{cursor:pointer;font-weight:600}
      .cells{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px}
      figure{margin:0;border:1px solid #e3e3e3;padding:6px}
      figcaption{font-size:13px;margin-bottom:2px}
      .note{color:#b35900;font-size:12px}
      .key span{display:inline-block;width:18px;height:3px;vertical-align:middle;margin:0 4px 0 12px}
      button{margin-right:8px}
      """;

  /** Enough script to open or close every curve section at once; the page works without it. */
  private static final String SCRIPT =
      """
      function setCurves(open){document.querySelectorAll('details.curves')
      .forEach(function(d){d.open=open;});}
      document.documentElement.setAttribute('data-rendered','yes');
      """;

  private final SweepReport report;
  private final ReportDetails details;
  private final Table1Layout layout;

  HtmlReportWriter(SweepReport report, ReportDetails details, Table1Layout layout) {
    this.report = report;
    this.details = details;
    this.layout = layout;
  }

  void write(Path file) throws IOException {
    Files.writeString(file, html(), StandardCharsets.UTF_8);
  }

  String html() {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(ReportFormat.escape(report.titlePrefix()))
        .append("tomo report</title><style>")
        .append(STYLE)
        .append("</style></head><body>\n");
    h.append("<h1>")
        .append(ReportFormat.escape(report.titlePrefix()))
        .append("Feature importance: change of the test error when a property is added")
        .append(ReportFormat.escape(report.protocolSuffix()))
        .append("</h1>\n");
    h.append("<p class=\"lead\">")
        .append(ReportFormat.escape(ReportFormat.counts(report)))
        .append("; ")
        .append(report.missing().size())
        .append(" unpaired.</p>\n");
    h.append("<p class=\"lead\" id=\"criteria\">")
        .append(ReportFormat.escape(report.criteria().describe()))
        .append("</p>\n");
    warnings(h);
    heatmaps(h);
    table1(h);
    curves(h);
    provenance(h);
    unpaired(h);
    h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
    return h.toString();
  }

  private void warnings(StringBuilder h) {
    // the report's own (banner, failed gates with their thresholds) first, then the details'
    List<String> all = new ArrayList<>(report.warnings());
    all.addAll(details.warnings());
    if (all.isEmpty()) {
      return;
    }
    h.append("<section class=\"warnings\" id=\"warnings\"><strong>Warnings</strong><ul>");
    for (String w : all) {
      h.append("<li>").append(ReportFormat.escape(w)).append("</li>");
    }
    h.append("</ul></section>\n");
  }

  private void heatmaps(StringBuilder h) {
    HtmlHeatmap heatmap = new HtmlHeatmap(report, DivergingPaintScale.colourLimit(report));
    h.append("<h2 id=\"heatmaps\">Heatmaps</h2>\n<p>Cell: mean % change of the test MAE (error")
        .append(" rate for categorical targets) over seeds, [min, max] below; bold with *:")
        .append(" significant under the primary rule, ")
        .append(ReportFormat.escape(report.criteria().primaryRule().label()))
        .append("; dashed outline: incomplete, never significant. Hover a cell for every seed's")
        .append(" change, the paper's bar and every rule's verdict.")
        .append(
            report.controlProperties().isEmpty()
                ? " No null control in this sweep."
                : " Below the dark rule: the null control, a property permuted across materials"
                    + " (no information about the target), never a finding; \"!\": its gate"
                    + " failed.")
        .append("</p>\n");
    h.append("<div class=\"heatmaps\">\n");
    for (Representation representation : report.representations()) {
      h.append("<div><h3>").append(ReportFormat.escape(representation.label())).append("</h3>\n");
      h.append(heatmap.svg(representation)).append("</div>\n");
    }
    h.append("</div>\n");
  }

  /**
   * Table 1's columns in the page's order: the primary rule's, the other rules', the structure's
   * own, the incomplete ones; a new criterion or statistic is one more column of {@link
   * Table1Layout}.
   */
  private static List<Column> table1Columns(Table1Layout layout) {
    List<Column> columns = new ArrayList<>(layout.primaryColumns());
    columns.addAll(layout.ruleColumns(layout.otherRules()));
    layout.structureNotComposition().ifPresent(columns::add);
    columns.addAll(layout.incompleteColumns());
    return columns;
  }

  private static String header(Column c) {
    return switch (c.kind()) {
      case PRIMARY -> "significant (" + c.rule() + ", primary), " + c.representation();
      case RULE -> c.rule() + ", " + c.representation();
      case STRUCTURE_NOT_COMPOSITION -> "in structure, not in composition (" + c.rule() + ")";
      case INCOMPLETE -> "incomplete (never significant), " + c.representation();
    };
  }

  private void table1(StringBuilder h) {
    h.append("<h2 id=\"table1\">Table 1: properties whose addition lowers the test error</h2>\n")
        .append("<p class=\"criteria\">")
        .append(ReportFormat.escape(report.criteria().describe()))
        .append("</p>\n<p>Rules: ")
        .append(ReportFormat.escape(report.criteria().rulesText()))
        .append(" In parentheses: the mean change over seeds (paper-bounds: the paper's value).")
        .append(
            report.controls().isEmpty()
                ? ""
                : " " + ReportFormat.escape(Table1Layout.NULL_CONTROL_RULE))
        .append("</p>\n<table><thead><tr><th>target</th>");
    List<Column> columns = table1Columns(layout);
    for (Column c : columns) {
      h.append("<th>").append(ReportFormat.escape(header(c))).append("</th>");
    }
    h.append("</tr></thead><tbody>\n");
    for (Table1Layout.Line line : layout.lines()) {
      h.append("<tr><td>").append(ReportFormat.escape(line.target())).append("</td>");
      for (Column c : columns) {
        h.append("<td>").append(propertyList(line.cell(c))).append("</td>");
      }
      h.append("</tr>\n");
      for (ControlLine control : line.controls()) {
        controlLine(h, layout, control, columns.size());
      }
    }
    h.append("</tbody></table>\n");
  }

  /**
   * A target's null-control line under its row: one cell spanning the {@code colspan} property
   * columns, so that a new column of Table 1 needs nothing here.
   */
  private static void controlLine(
      StringBuilder h, Table1Layout layout, ControlLine control, int colspan) {
    List<String> parts = new ArrayList<>();
    for (Representation representation : layout.representations()) {
      parts.add(
          ReportFormat.escape(representation.label())
              + ": "
              + control
                  .cell(representation)
                  .map(
                      c ->
                          ReportFormat.changeWithRange(c)
                              + ", "
                              + (ReportChecks.controlPasses(c)
                                  ? "passed"
                                  : "<strong>FAILED</strong>, "
                                      + ReportFormat.escape(ReportChecks.controlFailure(c))))
                  .orElse("no data"));
    }
    h.append("<tr class=\"control\"><td>↳ ")
        .append(ReportFormat.escape(control.label()))
        .append("</td><td colspan=\"")
        .append(colspan)
        .append("\">")
        .append(String.join(ReportFormat.LIST_SEPARATOR, parts))
        .append("</td></tr>\n");
  }

  /** A cell of Table 1: "none", or each property with its note in parentheses, escaped. */
  private static String propertyList(List<Table1Layout.Entry> entries) {
    if (entries.isEmpty()) {
      return "none";
    }
    return entries.stream()
        .map(
            e ->
                ReportFormat.escape(e.property())
                    + e.note().map(n -> " (" + ReportFormat.escape(n) + ")").orElse(""))
        .collect(Collectors.joining(", "));
  }

  private void curves(StringBuilder h) {
    h.append("<h2 id=\"curves\">Learning curves</h2>\n");
    if (details.curves().isEmpty()) {
      h.append("<p>No learning curves: the trainings of this report did not record them (result")
          .append(" files from before curves were kept, or a re-render without curves.csv).</p>\n");
      return;
    }
    h.append("<p class=\"key\">Per cell, validation metric and training loss per epoch, one line")
        .append(" per seed:<span style=\"background:")
        .append(CurvePlot.BASELINE_COLOUR)
        .append("\"></span>baseline<span style=\"background:")
        .append(CurvePlot.AUGMENTED_COLOUR)
        .append("\"></span>with the property. Curves still falling at their last epoch mean an")
        .append(" under-trained model. Hover a line for its seed.</p>\n")
        .append("<p><button type=\"button\" onclick=\"setCurves(true)\">open all</button>")
        .append("<button type=\"button\" onclick=\"setCurves(false)\">close all</button></p>\n");
    CurvePlot validation = new CurvePlot("validation metric", EpochPoint::valMetric);
    CurvePlot loss = new CurvePlot("training loss", EpochPoint::trainLoss);
    for (String target : report.targets()) {
      for (Representation representation : report.representations()) {
        List<CellSummary> cells =
            report.cells().stream()
                .filter(c -> c.target().equals(target) && c.representation() == representation)
                .toList();
        if (cells.isEmpty()) {
          continue;
        }
        h.append("<details class=\"curves\"><summary>")
            .append(ReportFormat.escape(target))
            .append(" · ")
            .append(ReportFormat.escape(representation.label()))
            .append(" (")
            .append(cells.size())
            .append(cells.size() == 1 ? " property" : " properties")
            .append(")</summary><div class=\"cells\">\n");
        for (CellSummary cell : cells) {
          List<LearningCurve> baselines = new ArrayList<>();
          List<LearningCurve> augmented = new ArrayList<>();
          for (LearningCurve c : details.curves()) {
            if (!cell.seeds().contains(c.seed()) || c.points().isEmpty()) {
              continue;
            }
            if (c.isBaselineOf(target, cell.property(), representation)) {
              baselines.add(c);
            } else if (c.isAugmentedOf(target, cell.property(), representation)) {
              augmented.add(c);
            }
          }
          h.append("<figure><figcaption>+ ")
              .append(ReportFormat.escape(cell.property()))
              .append(": ")
              .append(ReportFormat.percent(cell.meanChangePercent()))
              .append(" %");
          String lastEpochBest = lastEpochBest(baselines, augmented);
          if (!lastEpochBest.isEmpty()) {
            h.append(" <span class=\"note\">")
                .append(ReportFormat.escape(lastEpochBest))
                .append("</span>");
          }
          h.append("</figcaption>");
          if (baselines.isEmpty() && augmented.isEmpty()) {
            h.append("<p>no curves recorded</p>");
          } else {
            h.append(validation.svg(baselines, augmented)).append(loss.svg(baselines, augmented));
          }
          h.append("</figure>\n");
        }
        h.append("</div></details>\n");
      }
    }
  }

  /**
   * "best at last epoch: …" when a training's validation metric was still at its best in its last
   * epoch: it was probably still improving.
   */
  private static String lastEpochBest(
      List<LearningCurve> baselines, List<LearningCurve> augmented) {
    long b = baselines.stream().filter(HtmlReportWriter::bestAtLastEpoch).count();
    long a = augmented.stream().filter(HtmlReportWriter::bestAtLastEpoch).count();
    if (a == 0 && b == 0) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "best at last epoch: %d/%d baseline, %d/%d augmented",
        b,
        baselines.size(),
        a,
        augmented.size());
  }

  private static boolean bestAtLastEpoch(LearningCurve c) {
    List<EpochPoint> p = c.points();
    if (p.size() < 2) {
      return false;
    }
    double last = p.get(p.size() - 1).valMetric();
    return p.stream().allMatch(e -> e.valMetric() >= last);
  }

  private void provenance(StringBuilder h) {
    h.append("<h2 id=\"provenance\">Provenance</h2>\n");
    ProvenanceSummary summary = details.provenance();
    if (summary.entries().isEmpty()) {
      h.append("<p>Not known for this report.</p>\n");
      return;
    }
    h.append("<table><thead><tr><th>field</th><th>value (trainings)</th></tr></thead><tbody>\n");
    for (String field : summary.fieldNames()) {
      h.append("<tr><td>").append(ReportFormat.escape(field)).append("</td><td>");
      h.append(
          summary.field(field).stream()
              .map(e -> ReportFormat.escape(e.value()) + " (" + e.trainings() + ")")
              .collect(Collectors.joining("<br>")));
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table>\n");
  }

  private void unpaired(StringBuilder h) {
    if (report.missing().isEmpty()) {
      return;
    }
    h.append("<h2 id=\"unpaired\">Unpaired trainings</h2>\n<details><summary>")
        .append(report.missing().size())
        .append(" left out of the statistics</summary><table><thead><tr><th>target</th>")
        .append("<th>property</th><th>representation</th><th>seed</th><th>reason</th></tr>")
        .append("</thead><tbody>\n");
    for (MissingPair m : report.missing()) {
      h.append("<tr><td>")
          .append(ReportFormat.escape(m.target()))
          .append("</td><td>")
          .append(m.property() == null ? "" : ReportFormat.escape(m.property()))
          .append("</td><td>")
          .append(ReportFormat.escape(m.representation().label()))
          .append("</td><td>")
          .append(m.seed())
          .append("</td><td>")
          .append(ReportFormat.escape(m.reason()))
          .append("</td></tr>\n");
    }
    h.append("</tbody></table></details>\n");
  }
}
