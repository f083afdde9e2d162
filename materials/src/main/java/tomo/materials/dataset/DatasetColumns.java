package tomo.materials.dataset;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import tomo.materials.property.PermutedProperty;
import tomo.materials.property.PropertyDefinition;
import tomo.materials.property.PropertyDerivation;
import tomo.materials.property.PropertyRegistry;
import tomo.materials.property.UnknownPropertyException;

/**
 * The columns of a dataset file, read from its header alone (milliseconds, where reading the whole
 * file takes minutes), and which properties the dataset holds or derives: what a sweep can be
 * checked against before anything is scheduled.
 *
 * @param file the dataset file
 * @param columns the header's column names, in file order
 */
public record DatasetColumns(Path file, List<String> columns) {
  /**
   * Reads the header of {@code file} (plain or gzip CSV).
   *
   * @throws DatasetException naming the file when it is missing, unreadable, empty or its header
   *     lacks material_id or cif
   */
  public static DatasetColumns read(Path file) {
    try (InputStream in = DatasetReader.open(file);
        CsvReader<CsvRecord> csv =
            CsvReader.builder()
                .allowExtraFields(true)
                .allowMissingFields(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8)) {
      Iterator<CsvRecord> records = csv.iterator();
      if (!records.hasNext()) {
        throw new DatasetException(file, 0, "-", "empty file; expected a header line");
      }
      List<String> names = records.next().getFields().stream().map(String::trim).toList();
      for (String required : List.of("material_id", "cif")) {
        if (!names.contains(required)) {
          throw new DatasetException(
              file,
              0,
              required,
              "the header lacks this column; expected material_id, cif and property columns,"
                  + " found "
                  + names);
        }
      }
      return new DatasetColumns(file, names);
    } catch (NoSuchFileException e) {
      throw new DatasetException(file, 0, "-", "file does not exist");
    } catch (IOException | UncheckedIOException e) {
      throw new DatasetException(file, 0, "-", "cannot read the header: " + e.getMessage(), e);
    }
  }

  /**
   * Why {@code property} cannot be trained on with this dataset, or empty when the file holds it (a
   * column) or tomo derives it from what the file holds (the structure, or spacegroup.number for
   * the crystal system).
   */
  public Optional<String> unavailable(String property) {
    if (PermutedProperty.isPermuted(property)) {
      // a null control needs its source property, and nothing else
      try {
        return PermutedProperty.parse(property)
            .flatMap(p -> unavailable(p.source()))
            .map(why -> "its permuted property: " + why);
      } catch (UnknownPropertyException e) {
        return Optional.of(e.getMessage());
      }
    }
    if (PropertyRegistry.find(property).isEmpty()) {
      return Optional.of(
          "'"
              + property
              + "' is not a property tomo knows (known: "
              + String.join(
                  ", ", PropertyRegistry.all().stream().map(PropertyDefinition::name).toList())
              + ")");
    }
    if (columns.contains(property)) {
      return Optional.empty();
    }
    if (property.equals("spacegroup.crystal_system")) {
      return columns.contains("spacegroup.number")
          ? Optional.empty()
          : Optional.of(
              file
                  + " has neither a '"
                  + property
                  + "' nor a 'spacegroup.number' column to derive it from");
    }
    if (PropertyDerivation.DERIVABLE.contains(property)) {
      return Optional.empty();
    }
    return Optional.of(
        file + " has no '" + property + "' column, and it cannot be derived from the structure");
  }
}
