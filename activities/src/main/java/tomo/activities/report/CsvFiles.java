package tomo.activities.report;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** How the report's CSV files are written: UTF-8, LF line ends, on every machine. */
final class CsvFiles {
  private CsvFiles() {}

  static CsvWriter writer(Path file) throws IOException {
    return CsvWriter.builder()
        .lineDelimiter(LineDelimiter.LF)
        .build(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
