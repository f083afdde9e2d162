package tomo.materials.property;

/**
 * The crystal system of a space group, from its International Tables number: 1–2 triclinic, 3–15
 * monoclinic, 16–74 orthorhombic, 75–142 tetragonal, 143–167 trigonal, 168–194 hexagonal, 195–230
 * cubic.
 */
public final class CrystalSystemRule {
  private CrystalSystemRule() {}

  /**
   * The crystal system of space group {@code number}, spelled as in {@link
   * PropertyRegistry#CRYSTAL_SYSTEMS}.
   *
   * @throws IllegalArgumentException when the number is outside 1–230
   */
  public static String crystalSystem(int number) {
    if (number < 1 || number > 230) {
      throw new IllegalArgumentException("space-group number must be 1–230, got " + number);
    }
    if (number <= 2) {
      return "triclinic";
    } else if (number <= 15) {
      return "monoclinic";
    } else if (number <= 74) {
      return "orthorhombic";
    } else if (number <= 142) {
      return "tetragonal";
    } else if (number <= 167) {
      return "trigonal";
    } else if (number <= 194) {
      return "hexagonal";
    }
    return "cubic";
  }
}
