package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Objects;

/**
 * One cell of a sweep grid: a target predicted with one added property, in one representation, for
 * one split seed.
 *
 * @param target the property the network predicts (dataset column name, e.g. {@code band_gap})
 * @param property the property added to the network's input, or {@code null} for the baseline
 * @param representation what the model sees
 * @param seed the split seed
 */
public record CellKey(String target, String property, Representation representation, int seed) {
  public CellKey {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(representation, "representation");
  }

  /** The baseline this cell is compared with (shared by every property of the same seed). */
  public CellKey baseline() {
    return new CellKey(target, null, representation, seed);
  }

  @JsonIgnore
  public boolean isBaseline() {
    return property == null;
  }

  /** Parses {@link #label()}: {@code target/property/representation/seed}, "-" for no property. */
  public static CellKey parse(String label) {
    String[] parts = label.split("/");
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "cell '"
              + label
              + "': expected target/property/representation/seed (property '-' = none)");
    }
    int seed;
    try {
      seed = Integer.parseInt(parts[3]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "cell '" + label + "': seed '" + parts[3] + "' is no integer");
    }
    Representation representation;
    try {
      representation = Representation.of(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cell '" + label + "': representation " + e.getMessage(), e);
    }
    return new CellKey(parts[0], parts[1].equals("-") ? null : parts[1], representation, seed);
  }

  /** A readable, parseable name: {@code band_gap/density/structure/3}. */
  public String label() {
    return target
        + "/"
        + (property == null ? "-" : property)
        + "/"
        + representation.label()
        + "/"
        + seed;
  }
}
