package tomo.materials.dataset;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The rows a dataset read skipped ({@link Dataset#skipped()}) as CSV, one per line: {@code
 * row,material_id,field,reason}, for a person to fix the file from.
 */
public final class SkippedRowsCsv {
  /** The header line's columns. */
  public static final List<String> HEADER = List.of("row", "material_id", "field", "reason");

  private SkippedRowsCsv() {}

  /** The CSV text of {@code rows}, header first. */
  public static String of(List<BadRow> rows) {
    StringWriter text = new StringWriter();
    try (CsvWriter csv = CsvWriter.builder().build(text)) {
      csv.writeRecord(HEADER);
      for (BadRow r : rows) {
        csv.writeRecord(Integer.toString(r.row()), r.materialId(), r.field(), r.reason());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write skipped rows: " + e.getMessage(), e);
    }
    return text.toString();
  }
}
