package tomo.materials.dataset;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tomo.materials.property.PropertyDerivation;
import tomo.materials.property.PropertyValue;

/**
 * Writes, for every row, the value of each derivable property as derived from the structure (even
 * where the file has a value), so that they can be checked against an independent implementation
 * ({@code bench/verify_derived_properties.py} compares them with pymatgen).
 */
public final class DerivedValuesCsv {
  private DerivedValuesCsv() {}

  /** Writes {@code material_id} and the {@link PropertyDerivation#DERIVABLE} columns. */
  public static void write(Dataset dataset, Path file) {
    try (CsvWriter csv = CsvWriter.builder().build(file)) {
      List<String> header = new ArrayList<>();
      header.add("material_id");
      header.addAll(PropertyDerivation.DERIVABLE);
      csv.writeRecord(header);
      for (MaterialRow row : dataset.rows()) {
        List<String> record = new ArrayList<>();
        record.add(row.materialId());
        for (String name : PropertyDerivation.DERIVABLE) {
          Optional<PropertyValue> v =
              PropertyDerivation.derive(name, row.structure(), row.values());
          record.add(
              v.map(x -> x.isCategorical() ? x.category() : Double.toString(x.number()))
                  .orElse(""));
        }
        csv.writeRecord(record);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
