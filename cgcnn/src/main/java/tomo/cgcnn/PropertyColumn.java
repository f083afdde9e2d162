package tomo.cgcnn;

import java.util.Objects;

/**
 * One property's values for every material of a {@link TrainingData}, in the same order as its
 * graphs.
 *
 * @param name the property name (dataset column)
 * @param classes class names of a categorical property; empty for a numeric one
 * @param values numeric value in the property's unit, or the class index (0-based) of a categorical
 *     one; NaN where the material has no value
 */
public record PropertyColumn(String name, java.util.List<String> classes, double[] values) {

  public PropertyColumn {
    Objects.requireNonNull(name, "name");
    classes = java.util.List.copyOf(classes);
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (!classes.isEmpty()
          && !Double.isNaN(v)
          && (v < 0 || v >= classes.size() || v != Math.rint(v))) {
        throw new IllegalArgumentException(
            "property %s, material %d: class index %s outside 0..%d"
                .formatted(name, i, v, classes.size() - 1));
      }
      if (Double.isInfinite(v)) {
        throw new IllegalArgumentException(
            "property %s, material %d: infinite value".formatted(name, i));
      }
    }
  }

  /** A numeric column. */
  public static PropertyColumn numeric(String name, double[] values) {
    return new PropertyColumn(name, java.util.List.of(), values);
  }

  public boolean categorical() {
    return !classes.isEmpty();
  }

  public boolean missing(int i) {
    return Double.isNaN(values[i]);
  }
}
