package tomo.activities.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.TrainingOutcome;

/**
 * Writes the report's tables: Table 1 (Markdown, CSV, JSON), the cell statistics and the trainings.
 */
final class TableWriter {

  static final String NULL_CONTROL_RULE =
      "Null control: per target and representation, one cell adds a real property's values"
          + " permuted across materials (no information about the target). It is shown on its own"
          + " line and never counted among the significant properties; a finding must beat it.";
  private static final String LIST_SEPARATOR = "; ";

  private final SweepReport report;
  private final ReportCriteria criteria;
  private final ReportChecks checks;
  private final boolean structureAndComposition;
  private final Map<List<String>, CellSummary> cells = new HashMap<>();

  TableWriter(SweepReport report) {
    this.report = report;
    this.criteria = report.criteria();
    this.checks = report.checks();
    for (CellSummary c : report.cells()) {
      cells.put(List.of(c.target(), c.property(), c.representation()), c);
    }
    this.structureAndComposition =
        report.representations().contains(Representation.STRUCTURE.label())
            && report.representations().contains(Representation.COMPOSITION.label());
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
      List<String> representations,
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
            report.representations(),
            report.table1(),
            report.cells(),
            report.missing(),
            checks,
            NULL_CONTROL_RULE,
            report.controls()));
  }

  void writeTable1Csv(Path file) throws IOException {
    try (CsvWriter csv = csv(file)) {
      List<String> header = new ArrayList<>();
      header.add("target");
      header.addAll(report.representations());
      if (structureAndComposition) {
        header.add("structure_not_composition");
      }
      for (SignificanceRule rule : SignificanceRule.values()) {
        report.representations().forEach(r -> header.add(r + "_" + column(rule)));
      }
      report.representations().forEach(r -> header.add(r + "_incomplete"));
      header.add("primary_rule");
      header.add("trainer");
      header.add("warnings");
      // which line of a target: its significant properties, or a null control's
      header.add("line");
      csv.writeRecord(header);
      for (Table1Row row : report.table1()) {
        List<String> record = new ArrayList<>();
        record.add(row.target());
        for (String representation : report.representations()) {
          record.add(
              String.join(LIST_SEPARATOR, row.significantByRepresentation().get(representation)));
        }
        if (structureAndComposition) {
          record.add(String.join(LIST_SEPARATOR, row.structureNotComposition()));
        }
        for (SignificanceRule rule : SignificanceRule.values()) {
          for (String representation : report.representations()) {
            record.add(String.join(LIST_SEPARATOR, row.significant(rule, representation)));
          }
        }
        for (String representation : report.representations()) {
          record.add(
              String.join(LIST_SEPARATOR, row.incompleteByRepresentation().get(representation)));
        }
        record.add(criteria.primaryRule().label());
        record.add(trainerName());
        List<String> warnings = new ArrayList<>();
        report.originTag().ifPresent(warnings::add);
        for (String representation : report.representations()) {
          warnings.addAll(checks.cellWarnings(row.target(), representation));
        }
        record.add(String.join(LIST_SEPARATOR, warnings.stream().distinct().toList()));
        record.add("significant properties");
        csv.writeRecord(record);
        for (String control : report.controlProperties()) {
          List<String> line =
              controlLine(row.target(), control, Arrays.asList(SignificanceRule.values()));
          line.add(criteria.primaryRule().label());
          line.add(trainerName());
          line.add(controlVerdicts(row.target(), control));
          line.add(SweepReport.controlLabel(control));
          csv.writeRecord(line);
        }
      }
    }
  }

  /**
   * A target's null-control line in the columns of Table 1 that {@code rules} fill: under each
   * representation the control's mean change and verdict, under each rule's column what that rule
   * sees (the seeds it lowered, the interval, the paper's bar), under each incomplete column why.
   */
  private List<String> controlLine(String target, String control, List<SignificanceRule> rules) {
    List<String> line = new ArrayList<>();
    line.add(target);
    for (String representation : report.representations()) {
      line.add(
          report
              .controlCell(target, control, representation)
              .map(TableWriter::controlChange)
              .orElse("no data"));
    }
    if (structureAndComposition) {
      line.add("");
    }
    for (SignificanceRule rule : rules) {
      for (String representation : report.representations()) {
        line.add(
            report
                .controlCell(target, control, representation)
                .map(c -> controlUnder(rule, c))
                .orElse("no data"));
      }
    }
    for (String representation : report.representations()) {
      line.add(
          report
              .controlCell(target, control, representation)
              .map(c -> c.complete() ? "" : c.incompleteReason())
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
  private String controlVerdicts(String target, String control) {
    List<String> verdicts = new ArrayList<>();
    for (String representation : report.representations()) {
      report
          .controlCell(target, control, representation)
          .filter(x -> !ReportChecks.controlPasses(x))
          .ifPresent(
              x -> verdicts.add(representation + ": FAILED, " + ReportChecks.controlFailure(x)));
    }
    return String.join(LIST_SEPARATOR, verdicts);
  }

  /** "+0.4 % [-0.2, +1.1], passed" or "… , FAILED": a control's change and the gate's verdict. */
  private static String controlChange(CellSummary c) {
    return ReportFormat.percent(c.meanChangePercent())
        + " % "
        + ReportFormat.percentRange(c.minChangePercent(), c.maxChangePercent())
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
        .append(trainerName())
        .append("; dataset SHA-256: ")
        .append(Objects.requireNonNullElse(report.datasetSha256(), SweepReport.NOT_RECORDED))
        .append(".\n\n");
    md.append(criteria.describe()).append("\n\n");
    md.append("Rules: ")
        .append(criteria.rulesText())
        .append(" In parentheses: the mean change over seeds (paper-bounds: the paper's value).")
        .append("\n\n");
    if (!report.controls().isEmpty()) {
      md.append(NULL_CONTROL_RULE).append("\n\n");
    }
    SignificanceRule primary = criteria.primaryRule();
    List<String> header = new ArrayList<>();
    header.add("target");
    report.representations().forEach(r -> header.add(r + " (" + primary + ", primary)"));
    if (structureAndComposition) {
      header.add("in structure, not in composition");
    }
    for (SignificanceRule rule : otherRules()) {
      report.representations().forEach(r -> header.add(r + " (" + rule + ")"));
    }
    report.representations().forEach(r -> header.add(r + ": incomplete, never significant"));
    row(md, header);
    row(md, header.stream().map(h -> "---").toList());
    for (Table1Row row : report.table1()) {
      List<String> cells = new ArrayList<>();
      cells.add(row.target());
      for (String representation : report.representations()) {
        cells.add(
            propertyList(
                row.target(),
                representation,
                row.significantByRepresentation().get(representation),
                primary));
      }
      if (structureAndComposition) {
        cells.add(
            propertyList(
                row.target(),
                Representation.STRUCTURE.label(),
                row.structureNotComposition(),
                primary));
      }
      for (SignificanceRule rule : otherRules()) {
        for (String representation : report.representations()) {
          cells.add(
              propertyList(
                  row.target(), representation, row.significant(rule, representation), rule));
        }
      }
      for (String representation : report.representations()) {
        List<String> incomplete = row.incompleteByRepresentation().get(representation);
        cells.add(incomplete.isEmpty() ? "none" : incompleteList(row.target(), representation));
      }
      row(md, cells);
      for (String control : report.controlProperties()) {
        List<String> line = controlLine(row.target(), control, otherRules());
        // the label in the target's column
        line.set(0, "↳ " + SweepReport.controlLabel(control));
        row(md, line);
      }
    }
    checksMarkdown(md);
    md.append("\n")
        .append(report.trainings().size())
        .append(" trainings; ")
        .append(report.pairs().size())
        .append(" augmented trainings paired with their baseline; ")
        .append(report.cells().size())
        .append(" cells.\n");
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
                m.representation(),
                String.valueOf(m.seed()),
                m.reason()));
      }
    }
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  void writeCellsCsv(Path file) throws IOException {
    try (CsvWriter csv = csv(file)) {
      csv.writeRecord(
          "target",
          "property",
          "representation",
          "metric",
          "seeds",
          "seed_list",
          "mean_change_percent",
          "min_change_percent",
          "max_change_percent",
          "mean_baseline_metric",
          "mean_augmented_metric",
          "seed_changes_percent",
          "improved_seeds",
          "ci95_low_percent",
          "ci95_high_percent",
          "paper_value_percent",
          "paper_upper_percent",
          "paper_lower_percent",
          "complete",
          "missing_seeds",
          "incomplete_reason",
          "significant_paired",
          "significant_interval",
          "significant_paper_bounds",
          "primary_rule",
          "significant",
          "diagonal",
          "null_control",
          "trainer",
          "warnings");
      List<CellSummary> all = new ArrayList<>(report.cells());
      all.addAll(report.diagonal());
      all.addAll(report.controls());
      for (CellSummary c : all) {
        MeanChangeInterval ci = c.interval();
        csv.writeRecord(
            c.target(),
            c.property(),
            c.representation(),
            c.metric(),
            String.valueOf(c.seedCount()),
            c.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            String.valueOf(c.meanChangePercent()),
            String.valueOf(c.minChangePercent()),
            String.valueOf(c.maxChangePercent()),
            String.valueOf(c.meanBaselineMetric()),
            String.valueOf(c.meanAugmentedMetric()),
            c.changesPercent().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            String.valueOf(c.improvedSeeds()),
            ci == null ? "" : String.valueOf(ci.lowPercent()),
            ci == null ? "" : String.valueOf(ci.highPercent()),
            String.valueOf(c.paperBounds().valuePercent()),
            String.valueOf(c.paperBounds().upperPercent()),
            String.valueOf(c.paperBounds().lowerPercent()),
            String.valueOf(c.complete()),
            c.missingSeeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            c.incompleteReason(),
            String.valueOf(c.significant(SignificanceRule.PAIRED)),
            String.valueOf(c.significant(SignificanceRule.INTERVAL)),
            String.valueOf(c.significant(SignificanceRule.PAPER_BOUNDS)),
            criteria.primaryRule().label(),
            String.valueOf(c.significant(criteria.primaryRule())),
            String.valueOf(c.property().equals(c.target())),
            String.valueOf(report.controls().contains(c)),
            trainerName(),
            cellWarnings(c));
      }
    }
  }

  void writeTrainingsCsv(Path file) throws IOException {
    Map<CellKey, PairedTraining> pairs = new HashMap<>();
    for (PairedTraining p : report.pairs()) {
      pairs.put(
          new CellKey(p.target(), p.property(), Representation.of(p.representation()), p.seed()),
          p);
    }
    try (CsvWriter csv = csv(file)) {
      csv.writeRecord(
          "target",
          "property",
          "representation",
          "seed",
          "role",
          "metric",
          "test_metric",
          "best_epoch",
          "baseline_test_metric",
          "change_percent",
          "artifact_path",
          "trainer",
          "dataset_sha256",
          "epochs",
          "reference_test_metric",
          "init",
          "extra_gain",
          "protocol");
      for (int i = 0; i < report.trainings().size(); i++) {
        TrainingOutcome t = report.trainings().get(i);
        TrainingProvenance p = report.provenance().get(i);
        PairedTraining pair = pairs.get(t.cellKey());
        csv.writeRecord(
            t.target(),
            t.property() == null ? "" : t.property(),
            t.representation().label(),
            String.valueOf(t.seed()),
            t.property() == null ? "baseline" : "augmented",
            t.metric(),
            String.valueOf(t.testMetric()),
            String.valueOf(t.bestEpoch()),
            pair == null ? "" : String.valueOf(pair.baselineMetric()),
            pair == null ? "" : String.valueOf(pair.changePercent()),
            t.artifactPath() == null ? "" : t.artifactPath(),
            Objects.toString(p.trainer(), ""),
            Objects.toString(p.datasetSha256(), ""),
            Objects.toString(p.epochs(), ""),
            Objects.toString(p.referenceTestMetric(), ""),
            Objects.toString(p.init(), ""),
            Objects.toString(p.extraGain(), ""),
            Objects.toString(p.protocol(), ""));
      }
    }
  }

  private String cellWarnings(CellSummary c) {
    List<String> tags = new ArrayList<>();
    report.originTag().ifPresent(tags::add);
    tags.addAll(checks.cellWarnings(c.target(), c.representation()));
    return String.join(LIST_SEPARATOR, tags);
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

  private String trainerName() {
    return Objects.requireNonNullElse(report.trainer(), SweepReport.NOT_RECORDED);
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
              b.representation(),
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
                d.representation(),
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
                x.representation(),
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
                  cell.representation(),
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

  /** The rules other than the primary one, in declaration order. */
  private List<SignificanceRule> otherRules() {
    return Arrays.stream(SignificanceRule.values())
        .filter(r -> r != criteria.primaryRule())
        .toList();
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

  /** The incomplete cells of a target and representation, each with why. */
  private String incompleteList(String target, String representation) {
    return report.cells().stream()
        .filter(
            c ->
                c.target().equals(target)
                    && c.representation().equals(representation)
                    && !c.complete())
        .map(c -> c.property() + " (" + c.incompleteReason() + ")")
        .collect(Collectors.joining(", "));
  }

  private String propertyList(
      String target, String representation, List<String> properties, SignificanceRule rule) {
    if (properties.isEmpty()) {
      return "none";
    }
    return properties.stream()
        .map(
            p ->
                p
                    + Optional.ofNullable(cells.get(List.of(target, p, representation)))
                        .map(
                            c ->
                                String.format(
                                    Locale.ROOT,
                                    " (%s %%)",
                                    ReportFormat.percent(
                                        rule == SignificanceRule.PAPER_BOUNDS
                                            ? c.paperBounds().valuePercent()
                                            : c.meanChangePercent())))
                        .orElse(""))
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

  private static CsvWriter csv(Path file) throws IOException {
    Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    return CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(writer);
  }
}
