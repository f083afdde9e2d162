package tomo.activities.report;

import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.nio.file.Path;
import tomo.workflows.model.Representation;

/** One record of a report CSV file, whose errors name the file, line and field. */
record CsvRow(Path file, NamedCsvRecord record) {

  String text(String field, boolean mayBeEmpty) {
    String value = record.findField(field).orElseThrow(() -> error(field, "column missing"));
    if (!mayBeEmpty && value.isBlank()) {
      throw error(field, "empty");
    }
    return value;
  }

  /** The value, or {@code null} when the column is absent or the value empty. */
  String optionalText(String field) {
    String value = record.findField(field).orElse("");
    return value.isBlank() ? null : value;
  }

  int integer(String field) {
    String value = text(field, false);
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw error(field, "'" + value + "' is not an integer");
    }
  }

  Representation representation(String field) {
    String value = text(field, false);
    try {
      return Representation.of(value.strip());
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
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
