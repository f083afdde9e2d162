package tomo.materials.dataset;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.cif.CifException;
import tomo.materials.cif.CifReader;
import tomo.materials.io.Sha256;
import tomo.materials.property.PropertyDefinition;
import tomo.materials.property.PropertyDerivation;
import tomo.materials.property.PropertyRegistry;
import tomo.materials.property.PropertyValue;
import tomo.materials.property.ValueSource;
import tomo.materials.structure.Structure;

/**
 * Reads a dataset in the layout of the paper's {@code materials_project.csv}: an RFC 4180 CSV with
 * a header, a {@code material_id} column, a {@code cif} column (a quoted multi-line CIF) and
 * property columns named as in {@link PropertyRegistry}. Plain or gzip-compressed (recognised by
 * its magic bytes, not its name).
 *
 * <p>Cell rules: an empty property cell is a missing value (derived from the structure when
 * possible, else absent); a cell that is not a finite number, including a literal {@code NaN}, is
 * bad input, since it usually means an upstream failure that would silently poison a training.
 * Columns that are not known properties are ignored with a warning. A repeated material_id is bad
 * input (its second row).
 *
 * <p>CIFs are parsed in parallel; rows keep the file order.
 */
public final class DatasetReader {
  private static final Logger LOG = LoggerFactory.getLogger(DatasetReader.class);
  private static final String ID = "material_id";
  private static final String CIF = "cif";

  private DatasetReader() {}

  /**
   * Reads {@code file}.
   *
   * @throws DatasetException naming file, row and field on the first bad row (unless {@link
   *     ReadOptions#skipBad()}), and always for an unreadable file, a corrupt gzip stream, an empty
   *     file or a header without material_id and cif
   */
  public static Dataset read(Path file, ReadOptions options) {
    MessageDigest sha256 = Sha256.newDigest();
    List<RawRow> raw;
    Header header;
    try (InputStream in = open(file);
        DigestInputStream digested = new DigestInputStream(in, sha256)) {
      CsvReader<CsvRecord> csv =
          CsvReader.builder()
              .allowExtraFields(true)
              .allowMissingFields(true)
              .ofCsvRecord(digested, StandardCharsets.UTF_8);
      ReadPass pass = readRecords(file, csv, options);
      raw = RowSample.of(pass.rows(), options.sample(), options.sampleSeed());
      header = pass.header();
      // hash the whole file even when a row limit stopped reading early
      digested.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, 0, "-", "file does not exist");
    } catch (IOException | UncheckedIOException e) {
      throw corrupt(file, 0, e);
    }
    String hash = Sha256.hex(sha256);

    Object[] parsed = new Object[raw.size()];
    IntStream.range(0, raw.size())
        .parallel()
        .forEach(i -> parsed[i] = parseRow(file, header, raw.get(i), options));

    List<MaterialRow> rows = new ArrayList<>(raw.size());
    List<BadRow> skipped = new ArrayList<>();
    for (int i = 0; i < parsed.length; i++) {
      if (parsed[i] instanceof MaterialRow row) {
        rows.add(row);
      } else {
        DatasetException bad = (DatasetException) parsed[i];
        if (!options.skipBad()) {
          throw bad;
        }
        RawRow r = raw.get(i);
        LOG.warn("skipping bad row: {}", bad.getMessage());
        skipped.add(new BadRow(r.row(), r.materialId(), bad.field(), bad.getMessage()));
      }
    }
    if (!skipped.isEmpty()) {
      LOG.warn("{}: skipped {} bad row(s) of {}", file, skipped.size(), raw.size());
    }
    return new Dataset(file, hash, rows, skipped);
  }

  private record Header(
      List<String> names, int idColumn, int cifColumn, PropertyDefinition[] props) {}

  /** A row as read from the CSV, before its CIF is parsed; error is set for a row already bad. */
  private record RawRow(
      int row, long line, String materialId, List<String> fields, DatasetException error) {}

  private record ReadPass(Header header, List<RawRow> rows) {}

  private static ReadPass readRecords(Path file, CsvReader<CsvRecord> csv, ReadOptions options) {
    List<RawRow> rows = new ArrayList<>();
    Map<String, Integer> firstRowOfId = new HashMap<>();
    Header header = null;
    int row = 0;
    try {
      for (CsvRecord rec : csv) {
        if (header == null) {
          header = header(file, rec);
          continue;
        }
        if (options.limit() > 0 && row >= options.limit()) {
          break;
        }
        row++;
        List<String> fields = rec.getFields();
        String id = fields.size() > header.idColumn() ? fields.get(header.idColumn()).trim() : "";
        DatasetException error = null;
        if (fields.size() != header.names().size()) {
          error =
              bad(
                  file,
                  row,
                  rec.getStartingLineNumber(),
                  fields.size() < header.names().size()
                      ? header.names().get(fields.size())
                      : "(extra field)",
                  "expected %d fields as in the header, found %d"
                      .formatted(header.names().size(), fields.size()));
        } else if (id.isEmpty()) {
          error = bad(file, row, rec.getStartingLineNumber(), ID, "empty; expected an id");
        } else {
          Integer first = firstRowOfId.putIfAbsent(id, row);
          if (first != null) {
            error =
                bad(
                    file,
                    row,
                    rec.getStartingLineNumber(),
                    ID,
                    "duplicate material_id '%s' (first seen in row %d); ids must be unique"
                        .formatted(id, first));
          }
        }
        rows.add(new RawRow(row, rec.getStartingLineNumber(), id, fields, error));
      }
    } catch (CsvParseException e) {
      throw new DatasetException(
          file, row + 1, "-", "not valid RFC 4180 CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw corrupt(file, row, e);
    }
    if (header == null) {
      throw new DatasetException(
          file, 0, "header", "the file is empty; expected a CSV header with material_id and cif");
    }
    if (rows.isEmpty()) {
      LOG.warn("{}: the file has a header but no data rows", file);
    }
    return new ReadPass(header, rows);
  }

  private static Header header(Path file, CsvRecord rec) {
    List<String> names = rec.getFields().stream().map(String::trim).toList();
    int id = names.indexOf(ID);
    int cif = names.indexOf(CIF);
    if (id < 0 || cif < 0) {
      throw new DatasetException(
          file,
          0,
          id < 0 ? ID : CIF,
          "the header lacks this column; expected material_id, cif and property columns, found "
              + names);
    }
    PropertyDefinition[] props = new PropertyDefinition[names.size()];
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (names.indexOf(name) != i) {
        throw new DatasetException(file, 0, name, "the header names this column twice");
      }
      if (i == id || i == cif) {
        continue;
      }
      // registered only: a column spelled like a permuted control is never read as one
      props[i] = PropertyRegistry.registered(name).orElse(null);
      if (props[i] == null) {
        LOG.warn(
            "{}: column '{}' is not a known property and is ignored (known: {})",
            file,
            name,
            PropertyRegistry.all().stream().map(PropertyDefinition::name).toList());
      }
    }
    return new Header(names, id, cif, props);
  }

  private static Object parseRow(Path file, Header header, RawRow raw, ReadOptions options) {
    if (raw.error() != null) {
      return raw.error();
    }
    String cif = raw.fields().get(header.cifColumn());
    if (cif.isBlank()) {
      return bad(file, raw.row(), raw.line(), CIF, "empty; expected the material's CIF");
    }
    Structure structure;
    try {
      structure = CifReader.parse(cif, "material_id " + raw.materialId());
    } catch (CifException e) {
      return bad(file, raw.row(), raw.line(), CIF + " " + e.field(), e.getMessage());
    }
    Map<String, PropertyValue> values = new LinkedHashMap<>();
    for (int i = 0; i < header.props().length; i++) {
      PropertyDefinition p = header.props()[i];
      if (p == null) {
        continue;
      }
      String cell = raw.fields().get(i).trim();
      if (cell.isEmpty()) {
        continue; // missing; derived below when possible
      }
      try {
        values.put(p.name(), fromCell(p, cell));
      } catch (IllegalArgumentException e) {
        return bad(file, raw.row(), raw.line(), p.name(), e.getMessage());
      }
    }
    if (options.deriveMissing()) {
      for (String name : PropertyDerivation.DERIVABLE) {
        if (!values.containsKey(name)) {
          PropertyDerivation.derive(name, structure, values).ifPresent(v -> values.put(name, v));
        }
      }
    }
    return new MaterialRow(raw.row(), raw.materialId(), structure, values);
  }

  /** The value of one non-empty cell; throws IllegalArgumentException saying what was expected. */
  static PropertyValue fromCell(PropertyDefinition p, String cell) {
    if (!p.isCategorical()) {
      double v;
      try {
        v = Double.parseDouble(cell);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "expected a finite number in %s, got '%s' (leave the cell empty for a missing value)"
                .formatted(p.unit(), cell));
      }
      return PropertyValue.numeric(v, ValueSource.FILE);
    }
    String category =
        switch (p.name()) {
          case "spacegroup.number" -> spaceGroupNumber(cell);
          case "is_hubbard" -> booleanClass(cell);
          default -> cell.toLowerCase(Locale.ROOT);
        };
    p.classIndex(category); // throws naming the allowed classes
    return PropertyValue.categorical(category, ValueSource.FILE);
  }

  private static String spaceGroupNumber(String cell) {
    try {
      double d = Double.parseDouble(cell);
      if (d == Math.rint(d) && d >= 1 && d <= 230) {
        return Integer.toString((int) d);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "expected a space-group number 1–230, got '%s'".formatted(cell));
  }

  private static String booleanClass(String cell) {
    return switch (cell.toLowerCase(Locale.ROOT)) {
      case "true", "1", "1.0" -> "true";
      case "false", "0", "0.0" -> "false";
      default ->
          throw new IllegalArgumentException("expected true or false, got '%s'".formatted(cell));
    };
  }

  static InputStream open(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new DatasetException(file, 0, "-", "is a directory; expected a .csv or .csv.gz file");
    }
    BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    if (b0 == 0x1f && b1 == 0x8b) {
      try {
        return new GZIPInputStream(in, 1 << 16);
      } catch (IOException e) {
        in.close();
        throw e;
      }
    }
    return in;
  }

  private static DatasetException bad(Path file, int row, long line, String field, String reason) {
    return new DatasetException(
        file, row, field, reason + " (CSV record starting at line " + line + ")");
  }

  private static DatasetException corrupt(Path file, int rowsRead, Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    return new DatasetException(
        file,
        rowsRead + 1,
        "-",
        "cannot read the file after %d complete data rows (corrupt or truncated gzip data?): %s"
            .formatted(rowsRead, cause),
        e);
  }
}
