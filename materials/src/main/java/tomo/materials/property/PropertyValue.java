package tomo.materials.property;

/**
 * One property value of one material.
 *
 * @param number the value in the property's unit (NaN for a categorical property)
 * @param category the class name (null for a numeric property)
 * @param source whether it came from the file or was derived from the structure
 */
public record PropertyValue(double number, String category, ValueSource source) {
  public PropertyValue {
    if ((category == null) == Double.isNaN(number)) {
      throw new IllegalArgumentException(
          "a property value is either a number or a category, got number=%s category=%s"
              .formatted(number, category));
    }
  }

  /** A numeric value. */
  public static PropertyValue numeric(double number, ValueSource source) {
    return new PropertyValue(number, null, source);
  }

  /** A categorical value. */
  public static PropertyValue categorical(String category, ValueSource source) {
    return new PropertyValue(Double.NaN, category, source);
  }

  /** Whether this is a categorical value. */
  public boolean isCategorical() {
    return category != null;
  }

  @Override
  public String toString() {
    return (category != null ? category : Double.toString(number))
        + (source == ValueSource.DERIVED ? " (derived)" : "");
  }
}
