package tomo.materials.property;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A null control: the values of a real property, permuted across the materials of a dataset, named
 * {@code permuted:<property>} (e.g. {@code permuted:band_gap}). Added to a model like any property,
 * it carries no information about any target, so the change it brings measures what the protocol
 * does on its own (one more input, more weights, a different optimisation path).
 *
 * <p>Why a permutation and not a random (e.g. Gaussian) column: it keeps the property's marginal
 * distribution exactly (its scale, skew, ties, zeros; its classes for a categorical one), so the
 * network sees an input of the same kind as a real property and only the pairing with the material
 * is destroyed. A Gaussian column would differ from every real input in shape, and a difference
 * between it and a real property could come from that shape rather than from the information.
 *
 * <p>The permutation is over the materials that have a value of the property, in dataset order,
 * drawn from {@link #SEED} alone: the same dataset (the same rows read: file, sample, limit) gives
 * the same column on every worker, for every split seed and for the baseline, so the control is one
 * fixed input like any other property. Materials without a value keep none, so the control trains
 * on exactly the materials its source property's cells train on.
 *
 * <p>The {@code :} cannot occur in a dataset column name tomo reads (legacy Materials Project names
 * use letters, digits, {@code _} and {@code .}); a dataset column spelled like a control is ignored
 * by the reader, never read as one.
 *
 * @param source the permuted property (a name of {@link PropertyRegistry#all()})
 */
public record PermutedProperty(String source) {
  /** What precedes the source property's name. */
  public static final String PREFIX = "permuted:";

  /**
   * The seed of every permutation: fixed, and not any split seed, so that the control's column is
   * the same in every training of a sweep. (ASCII "null".) It is part of what the name means, not
   * of a training request: stored trainings of {@code permuted:*} hold columns drawn from it, so a
   * different seed needs a different name (e.g. a seed in the name), never a changed constant.
   */
  public static final long SEED = 0x6E75_6C6CL;

  public PermutedProperty {
    if (PropertyRegistry.registered(source).isEmpty()) {
      throw new UnknownPropertyException(
          PREFIX + source,
          "unknown property '%s%s': '%s' is not a property to permute; known properties: %s"
              .formatted(PREFIX, source, source, PropertyRegistry.knownNames()));
    }
  }

  /** The control's property name, {@code permuted:<source>}. */
  public String name() {
    return PREFIX + source;
  }

  /** Whether {@code name} is spelled as a permuted control (known source or not). */
  public static boolean isPermuted(String name) {
    return name != null && name.startsWith(PREFIX);
  }

  /**
   * The control named {@code name}, or empty when {@code name} is not spelled as one.
   *
   * @throws UnknownPropertyException when it is spelled as one but its source is not a property
   */
  public static Optional<PermutedProperty> parse(String name) {
    if (!isPermuted(name)) {
      return Optional.empty();
    }
    return Optional.of(new PermutedProperty(name.substring(PREFIX.length())));
  }

  /** The control's definition: the source's kind, unit and classes under the control's name. */
  public PropertyDefinition definition() {
    PropertyDefinition s = PropertyRegistry.registered(source).orElseThrow();
    return new PropertyDefinition(name(), s.kind(), s.unit(), s.classes());
  }

  /**
   * The control's values: {@code values} (the source property's, one per material in dataset order,
   * {@code null} where a material has none) moved to other materials by the seeded permutation of
   * the materials that have one.
   */
  public static <T> List<T> permute(List<T> values) {
    List<Integer> present = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) != null) {
        present.add(i);
      }
    }
    int[] order = permutation(present.size());
    List<T> out = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      out.add(null);
    }
    for (int k = 0; k < order.length; k++) {
      out.set(present.get(k), values.get(present.get(order[k])));
    }
    return out;
  }

  /** Fisher–Yates shuffle of 0..n-1 from {@link #SEED}. */
  static int[] permutation(int n) {
    SplittableRandom random = new SplittableRandom(SEED);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
