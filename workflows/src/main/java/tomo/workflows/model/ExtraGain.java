package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Placeholder until the knobs branch lands (replaced by its ExtraGain). */
public record ExtraGain(Double value) {
  public static final ExtraGain AUTO = new ExtraGain(null);

  public static ExtraGain fixed(double v) {
    return new ExtraGain(v);
  }

  @JsonValue
  public Object json() {
    return value == null ? "auto" : value;
  }

  @JsonCreator
  public static ExtraGain of(Object v) {
    if (v instanceof Number n) {
      return fixed(n.doubleValue());
    }
    if ("auto".equals(v)) {
      return AUTO;
    }
    throw new IllegalArgumentException("expected auto or a number, got " + v);
  }

  @Override
  public String toString() {
    return value == null ? "auto" : value.toString();
  }
}
