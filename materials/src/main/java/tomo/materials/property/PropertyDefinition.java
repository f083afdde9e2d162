package tomo.materials.property;

import java.util.List;

/**
 * A material property tomo can train on or use as an extra input.
 *
 * @param name the dataset's (dotted, legacy Materials Project) column name, e.g. {@code
 *     spacegroup.number}
 * @param kind numeric or categorical
 * @param unit unit of a numeric property (e.g. "eV/atom"); empty for categorical ones
 * @param classes the allowed classes of a categorical property in a fixed order (the class index is
 *     a model's output index); empty for numeric ones
 */
public record PropertyDefinition(
    String name, PropertyKind kind, String unit, List<String> classes) {
  public PropertyDefinition {
    classes = List.copyOf(classes);
    if ((kind == PropertyKind.CATEGORICAL) == classes.isEmpty()) {
      throw new IllegalArgumentException(
          name + ": a categorical property needs classes and a numeric one none");
    }
  }

  static PropertyDefinition numeric(String name, String unit) {
    return new PropertyDefinition(name, PropertyKind.NUMERIC, unit, List.of());
  }

  static PropertyDefinition categorical(String name, List<String> classes) {
    return new PropertyDefinition(name, PropertyKind.CATEGORICAL, "", classes);
  }

  /** Whether this is a categorical property. */
  public boolean isCategorical() {
    return kind == PropertyKind.CATEGORICAL;
  }

  /** Number of classes (0 for a numeric property). */
  public int classCount() {
    return classes.size();
  }

  /**
   * Index of {@code category} in {@link #classes()}.
   *
   * @throws IllegalArgumentException naming the property and its allowed classes when the category
   *     is not one of them, or the property is numeric
   */
  public int classIndex(String category) {
    int i = classes.indexOf(category);
    if (i < 0) {
      throw new IllegalArgumentException(
          kind == PropertyKind.NUMERIC
              ? "%s is numeric, it has no class '%s'".formatted(name, category)
              : "'%s' is not a class of %s; expected one of %s"
                  .formatted(category, name, abbreviatedClasses()));
    }
    return i;
  }

  private String abbreviatedClasses() {
    if (classes.size() <= 12) {
      return String.join(", ", classes);
    }
    return classes.get(0) + ", " + classes.get(1) + " … " + classes.get(classes.size() - 1);
  }
}
