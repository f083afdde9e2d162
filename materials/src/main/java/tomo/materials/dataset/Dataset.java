package tomo.materials.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tomo.materials.property.PermutedProperty;
import tomo.materials.property.PropertyValue;
import tomo.materials.property.ValueSource;

/**
 * A materials dataset as read from one file.
 *
 * @param source the file read
 * @param contentSha256 hex SHA-256 of the file's decompressed CSV bytes (the same for a .csv and
 *     its .csv.gz); it identifies the file, not the subset read with a row limit or skipped rows
 * @param rows the materials read, in file order
 * @param skipped rows that could not be read (only with {@link ReadOptions#skipBad()})
 */
public record Dataset(
    Path source, String contentSha256, List<MaterialRow> rows, List<BadRow> skipped) {
  public Dataset {
    rows = List.copyOf(rows);
    skipped = List.copyOf(skipped);
  }

  /**
   * How many materials have a value (read or derived) for every one of {@code properties}: what a
   * training of those properties can use, before any split.
   */
  public int materialsWithValues(List<String> properties) {
    int n = 0;
    for (MaterialRow row : withColumns(properties).rows) {
      if (properties.stream().allMatch(p -> row.values().containsKey(p))) {
        n++;
      }
    }
    return n;
  }

  /**
   * This dataset with the values of every permuted control among {@code properties} ({@link
   * PermutedProperty}) added to its rows; the other names are filled in already (read or derived
   * per row). A permutation needs all rows, so it is computed here, over exactly the rows read, not
   * row by row as the reader derives; this dataset itself when {@code properties} names none.
   *
   * @throws tomo.materials.property.UnknownPropertyException for a control of an unknown property
   */
  public Dataset withColumns(Collection<String> properties) {
    List<PermutedProperty> controls = new ArrayList<>();
    for (String name : properties) {
      PermutedProperty.parse(name)
          .filter(p -> !controls.contains(p) && !hasColumn(p.name()))
          .ifPresent(controls::add);
    }
    if (controls.isEmpty()) {
      return this;
    }
    List<Map<String, PropertyValue>> values = new ArrayList<>(rows.size());
    rows.forEach(r -> values.add(new LinkedHashMap<>(r.values())));
    for (PermutedProperty control : controls) {
      List<PropertyValue> source = new ArrayList<>(rows.size());
      rows.forEach(r -> source.add(r.values().get(control.source())));
      List<PropertyValue> permuted = PermutedProperty.permute(source);
      for (int i = 0; i < rows.size(); i++) {
        PropertyValue v = permuted.get(i);
        if (v != null) {
          values
              .get(i)
              .put(
                  control.name(),
                  v.isCategorical()
                      ? PropertyValue.categorical(v.category(), ValueSource.PERMUTED)
                      : PropertyValue.numeric(v.number(), ValueSource.PERMUTED));
        }
      }
    }
    List<MaterialRow> out = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      MaterialRow r = rows.get(i);
      out.add(new MaterialRow(r.row(), r.materialId(), r.structure(), values.get(i)));
    }
    return new Dataset(source, contentSha256, out, skipped);
  }

  private boolean hasColumn(String name) {
    return rows.stream().map(r -> r.value(name)).anyMatch(Optional::isPresent);
  }

  /** Number of materials. */
  public int size() {
    return rows.size();
  }
}
