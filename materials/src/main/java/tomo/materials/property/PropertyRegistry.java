package tomo.materials.property;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The properties tomo knows: the tomographic-interpretation paper's 13 projections and {@code
 * efermi}. Names are the dataset's column names (legacy Materials Project API, flattened with
 * dots). {@link #byName} and {@link #find} also resolve a null control, {@code permuted:<name>}
 * ({@link PermutedProperty}), which no dataset holds: it is computed from the rows read.
 */
public final class PropertyRegistry {
  /** The seven crystal systems as the dataset spells them, by increasing symmetry. */
  public static final List<String> CRYSTAL_SYSTEMS =
      List.of(
          "triclinic",
          "monoclinic",
          "orthorhombic",
          "tetragonal",
          "trigonal",
          "hexagonal",
          "cubic");

  /** The oxide types of the Materials Project / pymatgen rule. */
  public static final List<String> OXIDE_TYPES =
      List.of("oxide", "peroxide", "superoxide", "ozonide", "hydroxide", "none");

  /** Classes of is_hubbard. */
  public static final List<String> BOOLEANS = List.of("false", "true");

  private static final List<PropertyDefinition> PROJECTIONS =
      List.of(
          PropertyDefinition.numeric("band_gap", "eV"),
          PropertyDefinition.numeric("density", "g/cm³"),
          PropertyDefinition.numeric("e_above_hull", "eV/atom"),
          PropertyDefinition.numeric("energy", "eV per cell"),
          PropertyDefinition.numeric("energy_per_atom", "eV/atom"),
          PropertyDefinition.numeric("formation_energy_per_atom", "eV/atom"),
          PropertyDefinition.numeric("nsites", "sites per cell"),
          PropertyDefinition.numeric("total_magnetization", "μB per cell"),
          PropertyDefinition.numeric("volume", "Å³ per cell"),
          PropertyDefinition.categorical("is_hubbard", BOOLEANS),
          PropertyDefinition.categorical("oxide_type", OXIDE_TYPES),
          PropertyDefinition.categorical("spacegroup.crystal_system", CRYSTAL_SYSTEMS),
          PropertyDefinition.categorical(
              "spacegroup.number",
              IntStream.rangeClosed(1, 230).mapToObj(Integer::toString).toList()));

  private static final List<PropertyDefinition> ALL;
  private static final Map<String, PropertyDefinition> BY_NAME = new LinkedHashMap<>();

  static {
    List<PropertyDefinition> all = new ArrayList<>(PROJECTIONS);
    all.add(PropertyDefinition.numeric("efermi", "eV"));
    ALL = List.copyOf(all);
    ALL.forEach(p -> BY_NAME.put(p.name(), p));
  }

  private PropertyRegistry() {}

  /** The 13 projections and efermi, in a fixed order. */
  public static List<PropertyDefinition> all() {
    return ALL;
  }

  /** The paper's 13 projections. */
  public static List<PropertyDefinition> projections() {
    return PROJECTIONS;
  }

  /**
   * The property called {@code name}.
   *
   * @throws UnknownPropertyException listing the known names
   */
  public static PropertyDefinition byName(String name) {
    Optional<PermutedProperty> permuted = PermutedProperty.parse(name);
    if (permuted.isPresent()) {
      return permuted.get().definition();
    }
    PropertyDefinition p = BY_NAME.get(name);
    if (p == null) {
      throw new UnknownPropertyException(
          name, "unknown property '%s'; known properties: %s".formatted(name, knownNames()));
    }
    return p;
  }

  /** The property called {@code name} (a permuted control included), if known. */
  public static Optional<PropertyDefinition> find(String name) {
    try {
      return Optional.of(byName(name));
    } catch (UnknownPropertyException e) {
      return Optional.empty();
    }
  }

  /** One of {@link #all()}: a property a dataset file can hold (never a permuted control). */
  public static Optional<PropertyDefinition> registered(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The names of {@link #all()}, comma-separated, for messages. */
  static String knownNames() {
    return String.join(", ", BY_NAME.keySet());
  }
}
