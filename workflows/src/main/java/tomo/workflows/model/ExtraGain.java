package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The factor on the extra property's input before the network's hidden layer (spec key {@code
 * hyper.extraGain}): {@link #AUTO}, tomo's rule, or a fixed positive number (1: the paper's literal
 * concatenation). In JSON the string {@code "auto"} or a number.
 *
 * <p>{@link #AUTO}: √(atom features / extra width) on every column: √64 = 8 on a numeric property,
 * √64/√d per column on a categorical one (a one-hot block of d columns), so that the block's norm
 * matches one numeric column's (a factor of 8 on each of spacegroup.number's 230 columns swamped
 * the 64 pooled features). The CGCNN trainer's {@code tomo.cgcnn.ExtraGain} documents the
 * measurement.
 *
 * @param auto whether tomo's rule decides
 * @param factor the fixed factor; NaN under {@link #AUTO}
 */
public record ExtraGain(boolean auto, double factor) {
  /** tomo's rule (the default). */
  public static final ExtraGain AUTO = new ExtraGain(true, Double.NaN);

  public ExtraGain {
    if (auto != Double.isNaN(factor) || (!auto && !(factor > 0 && Double.isFinite(factor)))) {
      throw new IllegalArgumentException(
          "expected 'auto' or a positive number for the extra input's gain, got " + factor);
    }
  }

  /** A fixed factor on the extra input. */
  public static ExtraGain of(double factor) {
    return new ExtraGain(false, factor);
  }

  /**
   * {@code auto} or a positive number, as a spec or the command line writes it.
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static ExtraGain parse(String text) {
    if (text.trim().equals("auto")) {
      return AUTO;
    }
    try {
      return of(Double.parseDouble(text.trim()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected 'auto' or a positive number for the extra input's gain, got '" + text + "'", e);
    }
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static ExtraGain fromJson(Object value) {
    return value instanceof Number n ? of(n.doubleValue()) : parse(String.valueOf(value));
  }

  /** {@code "auto"} or the number. */
  @JsonValue
  Object json() {
    return auto ? "auto" : factor;
  }

  /** {@code auto} or the number, as specs, the command line and reports write it. */
  @Override
  public String toString() {
    return auto ? "auto" : factor == Math.rint(factor) ? Long.toString((long) factor) : "" + factor;
  }
}
