package tomo.materials.property;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import tomo.materials.structure.Structure;

/**
 * Fills in properties the dataset lacks where the physics allows: nsites, volume and density follow
 * from the structure exactly; the crystal system from the space-group number; is_hubbard and
 * oxide_type from the Materials Project's own rules ({@link HubbardRule}, {@link OxideTypeRule}).
 * The energies, band gap, magnetization and Fermi level cannot be derived without a calculation.
 */
public final class PropertyDerivation {
  /** The properties this class can derive. */
  public static final List<String> DERIVABLE =
      List.of(
          "nsites", "volume", "density", "spacegroup.crystal_system", "is_hubbard", "oxide_type");

  private PropertyDerivation() {}

  /**
   * The value of {@code property} derived from {@code structure} and the values already known for
   * the material (the crystal system needs spacegroup.number), or empty when it cannot be derived.
   */
  public static Optional<PropertyValue> derive(
      String property, Structure structure, Map<String, PropertyValue> known) {
    return Optional.ofNullable(
        switch (property) {
          case "nsites" -> numeric(structure.nsites());
          case "volume" -> numeric(structure.volumeAngstrom3());
          case "density" -> numeric(structure.densityGramsPerCm3());
          case "is_hubbard" ->
              categorical(Boolean.toString(HubbardRule.isHubbard(structure.composition())));
          case "oxide_type" -> categorical(OxideTypeRule.oxideType(structure));
          case "spacegroup.crystal_system" -> {
            PropertyValue number = known.get("spacegroup.number");
            yield number == null
                ? null
                : categorical(CrystalSystemRule.crystalSystem(Integer.parseInt(number.category())));
          }
          default -> null;
        });
  }

  private static PropertyValue numeric(double value) {
    return PropertyValue.numeric(value, ValueSource.DERIVED);
  }

  private static PropertyValue categorical(String value) {
    return PropertyValue.categorical(value, ValueSource.DERIVED);
  }
}
