package tomo.activities.report;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tomo.activities.store.EpochPoint;
import tomo.workflows.model.Representation;

/**
 * The report's learning curves ({@code curves.csv}, one row per training and epoch) and provenance
 * summary ({@code provenance.csv}) as CSV, written beside {@code trainings.csv} and read back by an
 * offline re-render, which has no artifact store to take them from.
 */
public final class ReportDetailsCsv {
  /** File name of the curves beside {@code trainings.csv}. */
  public static final String CURVES = "curves.csv";

  /** File name of the provenance summary beside {@code trainings.csv}. */
  public static final String PROVENANCE = "provenance.csv";

  private static final List<String> CURVE_HEADER =
      List.of(
          "target",
          "property",
          "representation",
          "seed",
          "baseline_for",
          "epoch",
          "train_loss",
          "val_metric");

  private ReportDetailsCsv() {}

  static void writeCurves(List<LearningCurve> curves, Path file) throws IOException {
    try (CsvWriter csv = CsvFiles.writer(file)) {
      csv.writeRecord(CURVE_HEADER);
      for (LearningCurve c : curves) {
        for (EpochPoint p : c.points()) {
          csv.writeRecord(
              c.target(),
              c.property() == null ? "" : c.property(),
              c.representation().label(),
              String.valueOf(c.seed()),
              c.baselineFor() == null ? "" : c.baselineFor(),
              String.valueOf(p.epoch()),
              String.valueOf(p.trainLoss()),
              String.valueOf(p.valMetric()));
        }
      }
    }
  }

  static void writeProvenance(ProvenanceSummary summary, Path file) throws IOException {
    try (CsvWriter csv = CsvFiles.writer(file)) {
      csv.writeRecord("field", "value", "trainings");
      for (ProvenanceSummary.Entry e : summary.entries()) {
        csv.writeRecord(e.field(), e.value(), String.valueOf(e.trainings()));
      }
    }
  }

  /**
   * The curves of a {@code curves.csv}; rows of one training are grouped in file order.
   *
   * @throws IllegalArgumentException naming the file, line and field of the first bad value
   */
  public static List<LearningCurve> readCurves(Path file) {
    // one training's rows: the curve without its points
    record Training(
        String target,
        String property,
        Representation representation,
        int seed,
        String baselineFor) {}
    Map<Training, List<EpochPoint>> byTraining = new LinkedHashMap<>();
    read(
        file,
        row -> {
          String property = row.text("property", true);
          String baselineFor = row.text("baseline_for", true);
          Training key =
              new Training(
                  row.text("target", false),
                  property.isEmpty() ? null : property,
                  row.representation("representation"),
                  row.integer("seed"),
                  baselineFor.isEmpty() ? null : baselineFor);
          byTraining
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(
                  new EpochPoint(
                      row.integer("epoch"), row.number("train_loss"), row.number("val_metric")));
        });
    List<LearningCurve> curves = new ArrayList<>();
    byTraining.forEach(
        (k, points) ->
            curves.add(
                new LearningCurve(
                    k.target(),
                    k.property(),
                    k.representation(),
                    k.seed(),
                    k.baselineFor(),
                    points)));
    return curves;
  }

  /**
   * The summary of a {@code provenance.csv}.
   *
   * @throws IllegalArgumentException naming the file, line and field of the first bad value
   */
  public static ProvenanceSummary readProvenance(Path file) {
    List<ProvenanceSummary.Entry> entries = new ArrayList<>();
    read(
        file,
        row ->
            entries.add(
                new ProvenanceSummary.Entry(
                    row.text("field", false), row.text("value", true), row.integer("trainings"))));
    return new ProvenanceSummary(entries);
  }

  /**
   * The details of earlier reports, from the {@code curves.csv} and {@code provenance.csv} beside
   * each of their {@code trainings.csv}: curves of a training in several reports are kept once,
   * provenance counts are added. A report without them (written before they existed) contributes
   * nothing and is named in a warning.
   *
   * @throws IllegalArgumentException naming the file, line and field of the first bad value
   */
  public static ReportDetails readBeside(List<Path> trainingsFiles) {
    Map<List<Object>, LearningCurve> curves = new LinkedHashMap<>();
    List<ProvenanceSummary> provenance = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Path trainings : trainingsFiles) {
      Path curvesFile = trainings.resolveSibling(CURVES);
      Path provenanceFile = trainings.resolveSibling(PROVENANCE);
      if (Files.isRegularFile(curvesFile)) {
        for (LearningCurve c : readCurves(curvesFile)) {
          curves.putIfAbsent(
              Arrays.asList(
                  c.target(), c.property(), c.representation(), c.seed(), c.baselineFor()),
              c);
        }
      } else {
        warnings.add(
            "no "
                + CURVES
                + " beside "
                + trainings
                + " (a report from before curves were kept): its trainings have no learning"
                + " curves here");
      }
      if (Files.isRegularFile(provenanceFile)) {
        provenance.add(readProvenance(provenanceFile));
      } else {
        warnings.add("no " + PROVENANCE + " beside " + trainings + ": its provenance is unknown");
      }
    }
    return new ReportDetails(
        List.copyOf(curves.values()), ProvenanceSummary.merge(provenance), warnings);
  }

  private interface RowHandler {
    void handle(CsvRow row);
  }

  private static void read(Path file, RowHandler handler) {
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file)) {
      for (NamedCsvRecord r : reader) {
        handler.handle(new CsvRow(file, r));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (CsvParseException e) {
      throw new IllegalArgumentException(file + ": not a valid CSV file: " + e.getMessage(), e);
    }
  }
}
