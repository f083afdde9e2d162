package tomo.materials.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tomo.materials.property.PropertyValue;
import tomo.materials.structure.Structure;

/**
 * One material of a dataset.
 *
 * @param row 1-based data-row number in the file (header excluded)
 * @param materialId the material's id, e.g. "mp-1234"
 * @param structure its crystal structure
 * @param values property values by property name; a property that is missing has no entry
 */
public record MaterialRow(
    int row, String materialId, Structure structure, Map<String, PropertyValue> values) {
  public MaterialRow {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  /** The value of {@code property}, empty when the row has none. */
  public Optional<PropertyValue> value(String property) {
    return Optional.ofNullable(values.get(property));
  }
}
