package tomo.workflows.model;

import java.util.Optional;

/**
 * The null control of a sweep: per (target, representation, seed) one more cell whose added input
 * is a real property's values permuted across the materials ({@code permuted:band_gap}), so it
 * carries no information about the target. Whatever change it brings is the protocol's own (one
 * more input, more weights, another optimisation path); a finding must beat it.
 *
 * <p>A spec names the permuted property in {@code nullControl} ({@code nullControl: volume}), or
 * switches the control off ({@code nullControl: none}); a spec without the field gets {@link
 * #DEFAULT}. The materials module computes the column (tomo.materials.property.PermutedProperty,
 * same spelling), and the control travels as a property name like any other: in requests, content
 * hashes, stored trainings and reports.
 */
public final class NullControl {
  /** What precedes the permuted property's name in the control's property name. */
  public static final String PREFIX = "permuted:";

  /**
   * The permuted property of a spec that names none: {@code band_gap}. Every Materials Project
   * dataset holds it (the paper's 13 projections, the shared mp2020-36k, a full pull), so the
   * default needs no look at the data and every sweep on the same data has the same control, which
   * makes their controls comparable; its marginal is a demanding one (a third of the materials at
   * exactly 0 eV, a long tail). A dataset without it refuses the sweep naming this field.
   */
  public static final String DEFAULT = "band_gap";

  /** The value that switches the control off. */
  public static final String NONE = "none";

  private NullControl() {}

  /** The control's property name for {@code source}, e.g. {@code permuted:band_gap}. */
  public static String property(String source) {
    return PREFIX + source;
  }

  /** Whether {@code property} names a null control. */
  public static boolean isControl(String property) {
    return property != null && property.startsWith(PREFIX);
  }

  /** The permuted property of a control's name, empty for any other name. */
  public static Optional<String> source(String property) {
    return isControl(property)
        ? Optional.of(property.substring(PREFIX.length()))
        : Optional.empty();
  }
}
