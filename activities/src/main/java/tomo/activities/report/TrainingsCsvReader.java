package tomo.activities.report;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tomo.workflows.model.TrainingOutcome;

/**
 * Reads the {@code trainings.csv} a {@link ReportWriter} wrote back into training outcomes, so that
 * a report can be re-rendered (or merged with another) without the sweep's artifact store. Columns
 * other than those of {@link TrainingOutcome} and {@link TrainingProvenance} (baseline metric,
 * change) are derived and ignored. The provenance columns (trainer, dataset_sha256, epochs,
 * reference_test_metric, init, extra_gain) are absent from files written before tomo recorded them;
 * an empty or absent one reads as "not recorded".
 */
public final class TrainingsCsvReader {

  private TrainingsCsvReader() {}

  /**
   * @throws IllegalArgumentException naming the file, line and field of the first bad value
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<TrainingOutcome> read(Path file) {
    return readTrainings(file).stream().map(ReportTraining::outcome).toList();
  }

  /**
   * The trainings with their provenance.
   *
   * @throws IllegalArgumentException naming the file, line and field of the first bad value
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<ReportTraining> readTrainings(Path file) {
    List<ReportTraining> outcomes = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file)) {
      for (NamedCsvRecord r : reader) {
        CsvRow row = new CsvRow(file, r);
        String property = row.text("property", true);
        TrainingOutcome outcome =
            new TrainingOutcome(
                row.text("target", false),
                property.isEmpty() ? null : property,
                row.representation("representation"),
                row.integer("seed"),
                row.text("metric", false),
                row.number("test_metric"),
                row.integer("best_epoch"),
                row.text("artifact_path", true));
        TrainingProvenance provenance =
            new TrainingProvenance(
                row.optionalText("trainer"),
                row.optionalText("dataset_sha256"),
                row.optionalText("epochs") == null ? null : row.integer("epochs"),
                row.optionalText("reference_test_metric") == null
                    ? null
                    : row.number("reference_test_metric"),
                row.optionalText("init"),
                row.optionalText("extra_gain"),
                row.optionalText("protocol"));
        outcomes.add(new ReportTraining(outcome, provenance));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (CsvParseException e) {
      throw new IllegalArgumentException(file + ": not a valid CSV file: " + e.getMessage(), e);
    }
    return outcomes;
  }
}
