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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/**
 * Writes the report's tables: Table 1 (Markdown, CSV, JSON), the cell statistics and the trainings.
 */
final class TableWriter {

  static final String SIGNIFICANCE_RULE =
      "A property is significant for a target when adding it lowered the test MAE (error rate for"
          + " categorical targets) for every seed: the largest change over seeds is below 0.";
  static final String INTERVAL_RULE =
      "Second criterion (95 % CI): the "
          + MeanChangeInterval.METHOD
          + ", lies wholly below 0; none with a single seed.";
  static final String NULL_CONTROL_RULE =
      "Null control: per target and representation, one cell adds a real property's values"
          + " permuted across materials (no information about the target). It is shown on its own"
          + " line and never counted among the significant properties; a finding must beat it.";
  private static final String LIST_SEPARATOR = "; ";

  private final SweepReport report;
  private final ReportChecks checks;
  private final boolean structureAndComposition;
  private final Map<List<String>, CellSummary> cells = new HashMap<>();

  TableWriter(SweepReport report) {
    this.report = report;
    this.checks = report.checks();
    for (CellSummary c : report.cells()) {
      cells.put(List.of(c.target(), c.property(), c.representation()), c);
    }
    this.structureAndComposition =
        report.representations().contains(Representation.STRUCTURE.label())
            && report.representations().contains(Representation.COMPOSITION.label());
  }

  /** The JSON document: Table 1 with the statistics it rests on and what could not be paired. */
  record Table1Document(
      String title,
      String banner,
      String trainer,
      String datasetSha256,
      boolean synthetic,
      String significance,
      String significanceByInterval,
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
            SIGNIFICANCE_RULE,
            INTERVAL_RULE,
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
      report.representations().forEach(r -> header.add(r + "_ci95"));
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
        for (String representation : report.representations()) {
          record.add(
              String.join(
                  LIST_SEPARATOR, row.significantByIntervalByRepresentation().get(representation)));
        }
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
          List<String> line = controlLine(row.target(), control);
          line.add(SweepReport.controlLabel(control));
          csv.writeRecord(line);
        }
      }
    }
  }

  /**
   * A target's null-control line in the columns of Table 1: the control's mean change and verdict
   * under each representation, its interval under each CI column; in the CSV it also carries the
   * trainer and the control gate's verdict.
   */
  private List<String> controlLine(String target, String control) {
    List<String> line = new ArrayList<>();
    line.add(target);
    List<String> verdicts = new ArrayList<>();
    for (String representation : report.representations()) {
      Optional<CellSummary> c = report.controlCell(target, control, representation);
      line.add(c.map(TableWriter::controlChange).orElse("no data"));
      c.filter(x -> !ReportChecks.controlPasses(x))
          .ifPresent(
              x -> verdicts.add(representation + ": FAILED, " + ReportChecks.controlFailure(x)));
    }
    if (structureAndComposition) {
      line.add("");
    }
    for (String representation : report.representations()) {
      line.add(
          report
              .controlCell(target, control, representation)
              .map(c -> c.interval() == null ? "none (1 seed)" : interval(c.interval()))
              .orElse("no data"));
    }
    line.add(trainerName());
    line.add(String.join(LIST_SEPARATOR, verdicts));
    return line;
  }

  /** "+0.4 % [-0.2, +1.1], passed" or "… , FAILED": a control's change and the gate's verdict. */
  private static String controlChange(CellSummary c) {
    return HeatmapRenderer.percent(c.meanChangePercent())
        + " % ["
        + HeatmapRenderer.percent(c.minChangePercent())
        + ", "
        + HeatmapRenderer.percent(c.maxChangePercent())
        + "], "
        + (ReportChecks.controlPasses(c) ? "passed" : "FAILED");
  }

  private static String interval(MeanChangeInterval ci) {
    return "["
        + HeatmapRenderer.percent(ci.lowPercent())
        + ", "
        + HeatmapRenderer.percent(ci.highPercent())
        + "] %";
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
    md.append(SIGNIFICANCE_RULE)
        .append(" In parentheses: the mean change over seeds. ")
        .append(INTERVAL_RULE)
        .append("\n\n");
    if (!report.controls().isEmpty()) {
      md.append(NULL_CONTROL_RULE).append("\n\n");
    }
    List<String> header = new ArrayList<>();
    header.add("target");
    header.addAll(report.representations());
    if (structureAndComposition) {
      header.add("in structure, not in composition");
    }
    report.representations().forEach(r -> header.add(r + " (95 % CI below 0)"));
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
                row.significantByRepresentation().get(representation)));
      }
      if (structureAndComposition) {
        cells.add(
            propertyList(
                row.target(), Representation.STRUCTURE.label(), row.structureNotComposition()));
      }
      for (String representation : report.representations()) {
        cells.add(
            propertyList(
                row.target(),
                representation,
                row.significantByIntervalByRepresentation().get(representation)));
      }
      row(md, cells);
      for (String control : report.controlProperties()) {
        List<String> line = controlLine(row.target(), control);
        // the label in the target's column; the last two (trainer, verdicts) are the CSV's only
        List<String> shown = new ArrayList<>(line.subList(0, line.size() - 2));
        shown.set(0, "↳ " + SweepReport.controlLabel(control));
        row(md, shown);
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
          "significant",
          "seed_changes_percent",
          "improved_seeds",
          "ci95_low_percent",
          "ci95_high_percent",
          "significant_ci95",
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
            String.valueOf(c.significant()),
            c.changesPercent().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            String.valueOf(c.improvedSeeds()),
            ci == null ? "" : String.valueOf(ci.lowPercent()),
            ci == null ? "" : String.valueOf(ci.highPercent()),
            String.valueOf(c.significantByInterval()),
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
          "reference_test_metric");
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
            Objects.toString(p.referenceTestMetric(), ""));
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
    return report.titlePrefix() + "Table 1: properties whose addition lowers the test error";
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
              b.metric() + " " + ReportChecks.number(b.meanBaselineMetric()),
              b.meanReferenceMetric() == null
                  ? SweepReport.NOT_RECORDED
                  : b.referenceName() + " " + ReportChecks.number(b.meanReferenceMetric()),
              b.ratio() == null ? "" : ReportChecks.number(b.ratio()),
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
                HeatmapRenderer.percent(d.meanChangePercent()) + " %",
                d.improvedSeeds() + "/" + d.seedCount(),
                d.meanChangePercent() < ReportChecks.DIAGONAL_MAX_MEAN_CHANGE_PERCENT
                    ? "ok"
                    : "FAILED"));
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
                HeatmapRenderer.percent(x.meanChangePercent()) + " %",
                "["
                    + HeatmapRenderer.percent(x.minChangePercent())
                    + ", "
                    + HeatmapRenderer.percent(x.maxChangePercent())
                    + "] %",
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
            ReportChecks.number(100 * c.shareAtLastEpoch()),
            c.unrecorded() == 0 ? "" : " (" + c.unrecorded() + " without a recorded epoch count)",
            c.passes() ? "ok" : "NOT CONVERGED"));
    md.append("\n## Cells\n\n").append(INTERVAL_RULE).append("\n\n");
    row(
        md,
        List.of(
            "target",
            "property",
            "representation",
            "mean change",
            "95 % CI",
            "seeds improved",
            "per seed",
            "all seeds",
            "CI below 0"));
    row(md, List.of("---", "---", "---", "---", "---", "---", "---", "---", "---"));
    for (CellSummary cell : report.cells()) {
      MeanChangeInterval ci = cell.interval();
      row(
          md,
          List.of(
              cell.target(),
              cell.property(),
              cell.representation(),
              HeatmapRenderer.percent(cell.meanChangePercent()) + " %",
              ci == null
                  ? "none (1 seed)"
                  : "["
                      + HeatmapRenderer.percent(ci.lowPercent())
                      + ", "
                      + HeatmapRenderer.percent(ci.highPercent())
                      + "] %",
              cell.improvedSeeds() + "/" + cell.seedCount(),
              cell.changesPercent().stream()
                  .map(HeatmapRenderer::percent)
                  .collect(Collectors.joining(" ")),
              cell.significant() ? "yes" : "no",
              cell.significantByInterval() ? "yes" : "no"));
    }
  }

  private String propertyList(String target, String representation, List<String> properties) {
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
                                    HeatmapRenderer.percent(c.meanChangePercent())))
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
