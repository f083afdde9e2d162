package tomo.hyper;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The factor on the extra property's input before the network's hidden layer (spec key {@code
 * hyper.extraGain}): {@link #AUTO}, tomo's rule, or a fixed positive number (1: the paper's literal
 * concatenation, W·softplus([pooled, extra])). In JSON the string {@code "auto"} or a number.
 *
 * <p>Why a gain: the extra input is one column beside the 64 pooled features; a plain concatenation
 * gives it 1/65 of what an Adam step can change in the hidden layer (under SGD, 1/64 of the pooled
 * block's squared input), and measured with tight pairs the network then barely used even the
 * target given as its own input (−2.6 % test MAE; with √64: −23.6 %; bench/README.md "Tight
 * pairs").
 *
 * <p>{@link #AUTO}: √(atom features / extra width) on every column of softplus(extra): for a
 * numeric extra (width 1) √64 = 8 for the paper's network; for a categorical extra (a one-hot block
 * of d columns) √64/√d per column, so the block's norm matches one numeric column's. The factor 8
 * on every column of the block feeds 8·softplus(0) = 5.5 on each inactive column, 230 of them for
 * space groups, which swamps the 64 pooled features: a real sweep measured +78 % test MAE for
 * spacegroup.number in every seed. Measured (bench/README.md "The gain of a categorical extra
 * input", formation energy, composition, 1000 materials, 20 epochs, 2 seeds), the change for
 * spacegroup.number was +148 %, +43 % under 8 per column, +9 %, +18 % with the block centred
 * (inactive columns feeding 0) under 8, and −5.9 %, +1.5 % under √64/√230 per column.
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

  /** A fixed factor on softplus(extra), on every column of it. */
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

  /**
   * The factor on each column of softplus(extra) for a network with {@code atomFeatures}-wide atom
   * vectors whose extra input is {@code extraWidth} columns wide (1 for a numeric property, the
   * class count for a categorical one).
   */
  public double columnFactor(int atomFeatures, int extraWidth) {
    return auto ? Math.sqrt((double) atomFeatures / Math.max(1, extraWidth)) : factor;
  }

  /** {@code auto} or the number, as specs, the command line and reports write it. */
  @Override
  public String toString() {
    return auto ? "auto" : factor == Math.rint(factor) ? Long.toString((long) factor) : "" + factor;
  }
}
