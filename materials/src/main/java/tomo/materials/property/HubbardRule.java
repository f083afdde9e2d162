package tomo.materials.property;

import java.util.Set;
import tomo.materials.structure.Composition;
import tomo.materials.structure.Element;

/**
 * Whether the Materials Project computed a material with GGA+U: its GGA+U settings give a U value
 * to Co, Cr, Fe, Mn, Mo, Ni, V and W only when the most electronegative element is O or F, i.e.
 * when O or F is present (F is the only element more electronegative than O).
 */
public final class HubbardRule {
  /** Elements that get a Hubbard U in oxides and fluorides. */
  public static final Set<String> U_ELEMENTS = Set.of("Co", "Cr", "Fe", "Mn", "Mo", "Ni", "V", "W");

  /** Anions that switch the U on. */
  public static final Set<String> ANIONS = Set.of("O", "F");

  private HubbardRule() {}

  /** Whether a material of this composition is a GGA+U calculation. */
  public static boolean isHubbard(Composition composition) {
    boolean anion = false;
    boolean metal = false;
    for (Element e : composition.atomsPerCell().keySet()) {
      anion |= ANIONS.contains(e.symbol());
      metal |= U_ELEMENTS.contains(e.symbol());
    }
    return anion && metal;
  }
}
