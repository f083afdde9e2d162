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
import java.util.stream.Collectors;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.TrainingOutcome;

/**
 * Writes the report's tables: Table 1 (Markdown, CSV, JSON), the cell statistics and the trainings.
 */
final class TableWriter {

  static final String SIGNIFICANCE_RULE =
      "significant: adding the property lowered the test MAE (error rate for categorical targets)"
          + " for every seed, i.e. the largest change over seeds is below 0";
  private static final String LIST_SEPARATOR = "; ";

  private final SweepReport report;
  private final boolean structureAndComposition;

  TableWriter(SweepReport report) {
    this.report = report;
    this.structureAndComposition =
        report.representations().contains(SweepReport.STRUCTURE)
            && report.representations().contains(SweepReport.COMPOSITION);
  }

  /** The JSON document: Table 1 with the statistics it rests on and what could not be paired. */
  record Table1Document(
      String significance,
      List<String> targets,
      List<String> properties,
      List<String> representations,
      List<Table1Row> table1,
      List<CellSummary> cells,
      List<MissingPair> missing) {}

  void writeJson(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    mapper.writeValue(
        file.toFile(),
        new Table1Document(
            SIGNIFICANCE_RULE,
            report.targets(),
            report.properties(),
            report.representations(),
            report.table1(),
            report.cells(),
            report.missing()));
  }

  void writeTable1Csv(Path file) throws IOException {
    try (CsvWriter csv = csv(file)) {
      List<String> header = new ArrayList<>();
      header.add("target");
      header.addAll(report.representations());
      if (structureAndComposition) {
        header.add("structure_not_composition");
      }
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
        csv.writeRecord(record);
      }
    }
  }

  void writeTable1Markdown(Path file) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Table 1: properties whose addition lowers the test error\n\n");
    md.append("A property is ")
        .append(SIGNIFICANCE_RULE)
        .append(". In parentheses: the mean change over seeds.\n\n");
    List<String> header = new ArrayList<>();
    header.add("target");
    header.addAll(report.representations());
    if (structureAndComposition) {
      header.add("in structure, not in composition");
    }
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
        cells.add(propertyList(row.target(), SweepReport.STRUCTURE, row.structureNotComposition()));
      }
      row(md, cells);
    }
    md.append("\n")
        .append(report.trainings().size())
        .append(" trainings, ")
        .append(report.pairs().size())
        .append(" paired, ")
        .append(report.cells().size())
        .append(" cells.\n");
    if (!report.missing().isEmpty()) {
      md.append("\n## Unpaired trainings\n\n")
          .append(report.missing().size())
          .append(
              " trainings implied by the grid could not be paired and are left out of the"
                  + " statistics:\n\n");
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
          "significant");
      for (CellSummary c : report.cells()) {
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
            String.valueOf(c.significant()));
      }
    }
  }

  void writeTrainingsCsv(Path file) throws IOException {
    Map<CellKey, PairedTraining> pairs = new HashMap<>();
    for (PairedTraining p : report.pairs()) {
      pairs.put(new CellKey(p.target(), p.property(), p.representation(), p.seed()), p);
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
          "artifact_path");
      for (TrainingOutcome t : report.trainings()) {
        PairedTraining pair = pairs.get(t.cellKey());
        csv.writeRecord(
            t.target(),
            t.property() == null ? "" : t.property(),
            t.representation(),
            String.valueOf(t.seed()),
            t.property() == null ? "baseline" : "augmented",
            t.metric(),
            String.valueOf(t.testMetric()),
            String.valueOf(t.bestEpoch()),
            pair == null ? "" : String.valueOf(pair.baselineMetric()),
            pair == null ? "" : String.valueOf(pair.changePercent()),
            t.artifactPath() == null ? "" : t.artifactPath());
      }
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
                    + report
                        .cell(target, p, representation)
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
