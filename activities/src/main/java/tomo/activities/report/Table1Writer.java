package tomo.activities.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tomo.activities.report.Table1Layout.Column;
import tomo.activities.report.Table1Layout.ControlLine;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/**
 * Writes Table 1 as Markdown (with the checks and the unpaired trainings), CSV and JSON, each from
 * the one {@link Table1Layout}; the HTML report renders the same layout ({@link HtmlReportWriter}).
 * The statistics behind it, a row per cell and per training, are {@link ResultsCsv}'s.
 */
final class Table1Writer {

  private final SweepReport report;
  private final ReportCriteria criteria;
  private final ReportChecks checks;
  private final Table1Layout layout;

  Table1Writer(SweepReport report, Table1Layout layout) {
    this.report = report;
    this.criteria = report.criteria();
    this.checks = report.checks();
    this.layout = layout;
  }

  /**
   * The JSON document: Table 1 with the statistics it rests on and what could not be paired.
   *
   * @param primaryRule the rule of each row's {@code significantByRepresentation}
   * @param sweepSeeds the seeds every cell needs to be complete
   * @param seedsFrom where {@code sweepSeeds} come from: {@code spec}, {@code recorded} (by the
   *     report rendered again) or {@code seen} (in the trainings: the sweep's list was unknown)
   * @param rules what each rule asks, by label
   */
  record Table1Document(
      String title,
      String banner,
      String trainer,
      String datasetSha256,
      boolean synthetic,
      SignificanceRule primaryRule,
      List<Integer> sweepSeeds,
      ReportCriteria.SeedSource seedsFrom,
      Map<String, String> rules,
      String gates,
      List<String> warnings,
      List<String> targets,
      List<String> properties,
      List<Representation> representations,
      List<Table1Row> table1,
      List<CellSummary> cells,
      List<MissingPair> missing,
      ReportChecks checks,
      String nullControl,
      List<CellSummary> controls) {}

  void writeJson(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(
        file.toFile(),
        new Table1Document(
            title(),
            report.banner().orElse(null),
            report.trainer(),
            report.datasetSha256(),
            report.synthetic(),
            criteria.primaryRule(),
            criteria.sweepSeeds(),
            criteria.seedSource(),
            rulesByLabel(),
            ReportChecks.thresholds(),
            warnings(),
            report.targets(),
            report.properties(),
            layout.representations(),
            layout.lines().stream().map(Table1Layout.Line::row).toList(),
            report.cells(),
            report.missing(),
            checks,
            Table1Layout.NULL_CONTROL_RULE,
            report.controls()));
  }

  void writeTable1Csv(Path file) throws IOException {
    // every rule's columns, the primary one's again: a CSV reader looks a rule up by its name
    List<Column> columns = layout.columns(List.of(SignificanceRule.values()));
    try (CsvWriter csv = CsvFiles.writer(file)) {
      List<String> header = new ArrayList<>();
      header.add("target");
      columns.forEach(c -> header.add(csvHeader(c)));
      header.add("primary_rule");
      header.add("trainer");
      header.add("warnings");
      // which line of a target: its significant properties, or a null control's
      header.add("line");
      csv.writeRecord(header);
      for (Table1Layout.Line line : layout.lines()) {
        List<String> record = new ArrayList<>();
        record.add(line.target());
        for (Column c : columns) {
          record.add(
              line.cell(c).stream()
                  .map(Table1Layout.Entry::property)
                  .collect(Collectors.joining(ReportFormat.LIST_SEPARATOR)));
        }
        record.add(criteria.primaryRule().label());
        record.add(report.trainerOrNotRecorded());
        List<String> warnings = new ArrayList<>();
        report.originTag().ifPresent(warnings::add);
        for (Representation representation : layout.representations()) {
          warnings.addAll(checks.cellWarnings(line.target(), representation));
        }
        record.add(String.join(ReportFormat.LIST_SEPARATOR, warnings.stream().distinct().toList()));
        record.add("significant properties");
        csv.writeRecord(record);
        for (ControlLine control : line.controls()) {
          List<String> cells = controlLine(control, columns);
          cells.add(criteria.primaryRule().label());
          cells.add(report.trainerOrNotRecorded());
          cells.add(controlVerdicts(control));
          cells.add(control.label());
          csv.writeRecord(cells);
        }
      }
    }
  }

  /** A column's name in table1.csv: {@code composition}, {@code composition_paper_bounds}. */
  private static String csvHeader(Column c) {
    return switch (c.kind()) {
      case PRIMARY -> c.representation().label();
      case STRUCTURE_NOT_COMPOSITION -> "structure_not_composition";
      case RULE -> c.representation() + "_" + column(c.rule());
      case INCOMPLETE -> c.representation() + "_incomplete";
    };
  }

  /** A column's header in table1.md. */
  private static String markdownHeader(Column c) {
    return switch (c.kind()) {
      case PRIMARY -> c.representation() + " (" + c.rule() + ", primary)";
      case STRUCTURE_NOT_COMPOSITION -> "in structure, not in composition";
      case RULE -> c.representation() + " (" + c.rule() + ")";
      case INCOMPLETE -> c.representation() + ": incomplete, never significant";
    };
  }

  /**
   * A target's null-control line in {@code columns}: under a primary column the control's mean
   * change and verdict, under each rule's column what that rule sees (the seeds it lowered, the
   * interval, the paper's bar), under an incomplete column why.
   */
  private static List<String> controlLine(ControlLine control, List<Column> columns) {
    List<String> line = new ArrayList<>();
    line.add(control.target());
    for (Column c : columns) {
      if (c.kind() == Table1Layout.Kind.STRUCTURE_NOT_COMPOSITION) {
        line.add("");
        continue;
      }
      line.add(
          control
              .cell(c.representation())
              .map(
                  x ->
                      switch (c.kind()) {
                        case PRIMARY -> controlChange(x);
                        case RULE -> controlUnder(c.rule(), x);
                        default -> x.complete() ? "" : x.incompleteReason();
                      })
              .orElse("no data"));
    }
    return line;
  }

  /** What {@code rule} sees of a control cell, with its verdict. */
  private static String controlUnder(SignificanceRule rule, CellSummary c) {
    String seen =
        switch (rule) {
          case PAIRED -> c.improvedSeeds() + "/" + c.seedCount() + " seeds lower";
          case INTERVAL -> c.interval() == null ? "none (1 seed)" : interval(c.interval());
          case PAPER_BOUNDS ->
              ReportFormat.percentRange(
                  c.paperBounds().lowerPercent(), c.paperBounds().upperPercent());
        };
    return seen + (c.significant(rule) ? ", significant" : "");
  }

  /** The control gate's failures of a target's control, by representation. */
  private String controlVerdicts(ControlLine control) {
    List<String> verdicts = new ArrayList<>();
    for (Representation representation : layout.representations()) {
      control
          .cell(representation)
          .filter(x -> !ReportChecks.controlPasses(x))
          .ifPresent(
              x -> verdicts.add(representation + ": FAILED, " + ReportChecks.controlFailure(x)));
    }
    return String.join(ReportFormat.LIST_SEPARATOR, verdicts);
  }

  /** "+0.4 % [-0.2, +1.1], passed" or "… , FAILED": a control's change and the gate's verdict. */
  private static String controlChange(CellSummary c) {
    return ReportFormat.changeWithRange(c)
        + ", "
        + (ReportChecks.controlPasses(c) ? "passed" : "FAILED");
  }

  private static String interval(MeanChangeInterval ci) {
    return ReportFormat.percentRange(ci.lowPercent(), ci.highPercent()) + " %";
  }

  void writeTable1Markdown(Path file) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title()).append("\n\n");
    report.banner().ifPresent(b -> md.append("> **").append(b).append("**\n\n"));
    List<String> gateWarnings = checks.warnings();
    if (!gateWarnings.isEmpty()) {
      md.append("**Warnings** (").append(ReportChecks.thresholds()).append(")\n\n");
      gateWarnings.forEach(w -> md.append("- ").append(w).append('\n'));
      md.append('\n');
    }
    md.append("Trainer: ")
        .append(report.trainerOrNotRecorded())
        .append("; dataset SHA-256: ")
        .append(Objects.requireNonNullElse(report.datasetSha256(), SweepReport.NOT_RECORDED))
        .append(".\n\n");
    md.append(criteria.describe()).append("\n\n");
    md.append("Rules: ")
        .append(criteria.rulesText())
        .append(" In parentheses: the mean change over seeds (paper-bounds: the paper's value).")
        .append("\n\n");
    if (!report.controls().isEmpty()) {
      md.append(Table1Layout.NULL_CONTROL_RULE).append("\n\n");
    }
    List<Column> columns = layout.columns(layout.otherRules());
    List<String> header = new ArrayList<>();
    header.add("target");
    columns.forEach(c -> header.add(markdownHeader(c)));
    row(md, header);
    row(md, header.stream().map(h -> "---").toList());
    for (Table1Layout.Line line : layout.lines()) {
      List<String> cells = new ArrayList<>();
      cells.add(line.target());
      for (Column c : columns) {
        cells.add(propertyList(line.cell(c)));
      }
      row(md, cells);
      for (ControlLine control : line.controls()) {
        List<String> cellsOfControl = controlLine(control, columns);
        // the label in the target's column
        cellsOfControl.set(0, "↳ " + control.label());
        row(md, cellsOfControl);
      }
    }
    checksMarkdown(md);
    md.append("\n").append(ReportFormat.counts(report)).append(".\n");
    if (!report.missing().isEmpty()) {
      md.append("\n## Unpaired trainings\n\n")
          .append(report.missing().size())
          .append(
              " (augmented training, baseline) pairs of the grid are incomplete or unusable and"
                  + " left out of the statistics:\n\n");
      row(md, List.of("target", "property", "representation", "seed", "reason"));
      row(md, List.of("---", "---", "---", "---", "---"));
      for (MissingPair m : report.missing()) {
        row(
            md,
            List.of(
                m.target(),
                m.property() == null ? "" : m.property(),
                m.representation().label(),
                String.valueOf(m.seed()),
                m.reason()));
      }
    }
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  private List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    report.banner().ifPresent(warnings::add);
    warnings.addAll(checks.warnings());
    return warnings;
  }

  private String title() {
    return report.titlePrefix()
        + "Table 1: properties whose addition lowers the test error"
        + report.protocolSuffix();
  }

  /** The gates in full: every baseline, every diagonal cell and the convergence count. */
  private void checksMarkdown(StringBuilder md) {
    md.append("\n## Checks\n\n").append(ReportChecks.thresholds()).append("\n\n");
    row(
        md,
        List.of(
            "target",
            "representation",
            "baseline test metric",
            "trivial predictor",
            "ratio",
            "verdict"));
    row(md, List.of("---", "---", "---", "---", "---", "---"));
    for (BaselineCheck b : checks.baselines()) {
      row(
          md,
          List.of(
              b.target(),
              b.representation().label(),
              b.metric() + " " + ReportFormat.number(b.meanBaselineMetric()),
              b.meanReferenceMetric() == null
                  ? SweepReport.NOT_RECORDED
                  : b.referenceName() + " " + ReportFormat.number(b.meanReferenceMetric()),
              b.ratio() == null ? "" : ReportFormat.number(b.ratio()),
              b.ratio() == null ? "unchecked" : b.beatsReference() ? "ok" : "WEAK"));
    }
    md.append('\n');
    if (checks.diagonal().isEmpty()) {
      md.append(
          "Diagonal check: not run, the grid holds no target as its own property (add the targets"
              + " to the properties to run it).\n\n");
    } else {
      row(
          md,
          List.of(
              "diagonal (target as its own property)",
              "representation",
              "mean change",
              "seeds improved",
              "verdict"));
      row(md, List.of("---", "---", "---", "---", "---"));
      for (CellSummary d : checks.diagonal()) {
        row(
            md,
            List.of(
                d.target(),
                d.representation().label(),
                ReportFormat.percent(d.meanChangePercent()) + " %",
                d.improvedSeeds() + "/" + d.seedCount(),
                ReportChecks.diagonalPasses(d) ? "ok" : "FAILED"));
      }
      md.append('\n');
    }
    if (checks.controls().isEmpty()) {
      md.append(
          "Null control: not run (the spec has `nullControl: none`, or the sweep predates it).\n\n");
    } else {
      row(
          md,
          List.of(
              "null control",
              "target",
              "representation",
              "mean change",
              "[min, max]",
              "seeds improved",
              "significant under",
              "verdict"));
      row(md, List.of("---", "---", "---", "---", "---", "---", "---", "---"));
      for (CellSummary x : checks.controls()) {
        List<String> rules = ReportChecks.significantUnder(x);
        row(
            md,
            List.of(
                SweepReport.controlLabel(x.property()),
                x.target(),
                x.representation().label(),
                ReportFormat.percent(x.meanChangePercent()) + " %",
                ReportFormat.percentRange(x.minChangePercent(), x.maxChangePercent()) + " %",
                x.improvedSeeds() + "/" + x.seedCount(),
                rules.isEmpty() ? "no rule" : String.join(", ", rules),
                ReportChecks.controlPasses(x) ? "ok" : "FAILED"));
      }
      md.append('\n');
    }
    ConvergenceCheck c = checks.convergence();
    md.append(
        String.format(
            Locale.ROOT,
            "Convergence: %d of %d trainings (%s %%) had their best validation epoch at their last"
                + "%s: %s.%n",
            c.atLastEpoch(),
            c.checked(),
            ReportFormat.number(100 * c.shareAtLastEpoch()),
            c.unrecorded() == 0 ? "" : " (" + c.unrecorded() + " without a recorded epoch count)",
            c.passes() ? "ok" : "NOT CONVERGED"));
    md.append("\n## Cells\n\n").append(criteria.rulesText()).append("\n\n");
    List<String> header =
        new ArrayList<>(
            List.of(
                "target",
                "property",
                "representation",
                "mean change",
                "95 % CI",
                "paper value [lower, upper]",
                "seeds improved",
                "per seed"));
    for (SignificanceRule rule : SignificanceRule.values()) {
      header.add(rule + (rule == criteria.primaryRule() ? " (primary)" : ""));
    }
    header.add("complete");
    row(md, header);
    row(md, header.stream().map(h -> "---").toList());
    for (CellSummary cell : report.cells()) {
      MeanChangeInterval ci = cell.interval();
      List<String> line =
          new ArrayList<>(
              List.of(
                  cell.target(),
                  cell.property(),
                  cell.representation().label(),
                  ReportFormat.percent(cell.meanChangePercent()) + " %",
                  ci == null ? "none (1 seed)" : interval(ci),
                  ReportFormat.paperBar(cell.paperBounds()),
                  cell.improvedSeeds() + "/" + cell.seedCount(),
                  cell.changesPercent().stream()
                      .map(ReportFormat::percent)
                      .collect(Collectors.joining(" "))));
      for (SignificanceRule rule : SignificanceRule.values()) {
        line.add(cell.significant(rule) ? "yes" : "no");
      }
      line.add(cell.complete() ? "yes" : "INCOMPLETE: " + cell.incompleteReason());
      row(md, line);
    }
  }

  /** Each rule's text by its label, for the JSON document. */
  private static Map<String, String> rulesByLabel() {
    Map<String, String> rules = new LinkedHashMap<>();
    for (SignificanceRule rule : SignificanceRule.values()) {
      rules.put(rule.label(), ReportCriteria.ruleText(rule));
    }
    return rules;
  }

  /** A rule's CSV column suffix: its label with underscores ({@code paper_bounds}). */
  static String column(SignificanceRule rule) {
    return rule.label().replace('-', '_');
  }

  /** A cell of table1.md: "none", or each property with its note in parentheses. */
  private static String propertyList(List<Table1Layout.Entry> entries) {
    if (entries.isEmpty()) {
      return "none";
    }
    return entries.stream()
        .map(e -> e.property() + e.note().map(n -> " (" + n + ")").orElse(""))
        .collect(Collectors.joining(", "));
  }

  private static void row(StringBuilder md, List<String> cells) {
    md.append('|');
    for (String cell : cells) {
      // A pipe or line break inside a cell would end the cell or the table.
      md.append(' ')
          .append(cell.replace("|", "\\|").replace("\r", " ").replace("\n", " "))
          .append(" |");
    }
    md.append('\n');
  }
}
