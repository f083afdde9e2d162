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
 * other than those of {@link TrainingOutcome} (baseline metric, change) are derived and ignored.
 */
public final class TrainingsCsvReader {

  private TrainingsCsvReader() {}

  /**
   * @throws IllegalArgumentException naming the file, line and field of the first bad value
   * @throws UncheckedIOException when the file cannot be read
   */
  public static List<TrainingOutcome> read(Path file) {
    List<TrainingOutcome> outcomes = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file)) {
      for (NamedCsvRecord r : reader) {
        Row row = new Row(file, r);
        String property = row.text("property", true);
        outcomes.add(
            new TrainingOutcome(
                row.text("target", false),
                property.isEmpty() ? null : property,
                row.text("representation", false),
                row.integer("seed"),
                row.text("metric", false),
                row.number("test_metric"),
                row.integer("best_epoch"),
                row.text("artifact_path", true)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    } catch (CsvParseException e) {
      throw new IllegalArgumentException(file + ": not a valid CSV file: " + e.getMessage(), e);
    }
    return outcomes;
  }

  /** One record, with errors that point at it. */
  private record Row(Path file, NamedCsvRecord record) {

    String text(String field, boolean mayBeEmpty) {
      String value = record.findField(field).orElseThrow(() -> error(field, "column missing"));
      if (!mayBeEmpty && value.isBlank()) {
        throw error(field, "empty");
      }
      return value;
    }

    int integer(String field) {
      String value = text(field, false);
      try {
        return Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw error(field, "'" + value + "' is not an integer");
      }
    }

    double number(String field) {
      String value = text(field, false);
      try {
        return Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw error(field, "'" + value + "' is not a number");
      }
    }

    private IllegalArgumentException error(String field, String reason) {
      return new IllegalArgumentException(
          file + ", line " + record.getStartingLineNumber() + ", field " + field + ": " + reason);
    }
  }
}
