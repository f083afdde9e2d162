package tomo.materials.property;

import tomo.materials.structure.Lattice;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

/**
 * The Materials Project / pymatgen oxide type of a structure, from O–H and O–O distances (periodic
 * minimum image, an atom never paired with itself), with bond lengths scaled by 1.1:
 *
 * <ol>
 *   <li>no O, or only O: {@code none};
 *   <li>any O–H closer than 1.1 × 0.93 Å: {@code hydroxide};
 *   <li>any O–O closer than 1.1 × 1.35 Å: {@code superoxide}, or {@code ozonide} when some O has
 *       two such partners;
 *   <li>else any O–O closer than 1.1 × 1.49 Å: {@code peroxide};
 *   <li>else {@code oxide}.
 * </ol>
 */
public final class OxideTypeRule {
  /** Scale applied to the reference bond lengths. */
  public static final double RELATIVE_CUTOFF = 1.1;

  /** O–H bond length in Å. */
  public static final double OH_BOND_ANGSTROM = 0.93;

  /** O–O bond length of the superoxide ion in Å. */
  public static final double SUPEROXIDE_BOND_ANGSTROM = 1.35;

  /** O–O bond length of the peroxide ion in Å. */
  public static final double PEROXIDE_BOND_ANGSTROM = 1.49;

  private OxideTypeRule() {}

  /** One of {@link PropertyRegistry#OXIDE_TYPES}. */
  public static String oxideType(Structure structure) {
    var composition = structure.composition();
    int oxygenCount = 0;
    int hydrogenCount = 0;
    for (Site s : structure.sites()) {
      if (s.element().z() == 8) {
        oxygenCount++;
      } else if (s.element().z() == 1) {
        hydrogenCount++;
      }
    }
    if (oxygenCount == 0 || composition.isElement()) {
      return "none";
    }
    double[][] oxygen = new double[oxygenCount][];
    double[][] hydrogen = new double[hydrogenCount][];
    int io = 0;
    int ih = 0;
    for (Site s : structure.sites()) {
      double[] f = {s.fracA(), s.fracB(), s.fracC()};
      if (s.element().z() == 8) {
        oxygen[io++] = f;
      } else if (s.element().z() == 1) {
        hydrogen[ih++] = f;
      }
    }
    Lattice lattice = structure.lattice();
    MinimumImage image = new MinimumImage(lattice, RELATIVE_CUTOFF * PEROXIDE_BOND_ANGSTROM);
    double oh = RELATIVE_CUTOFF * OH_BOND_ANGSTROM;
    for (double[] o : oxygen) {
      for (double[] h : hydrogen) {
        if (image.distance(o, h) < oh) {
          return "hydroxide";
        }
      }
    }
    double superoxide = RELATIVE_CUTOFF * SUPEROXIDE_BOND_ANGSTROM;
    double peroxide = RELATIVE_CUTOFF * PEROXIDE_BOND_ANGSTROM;
    boolean anySuperoxide = false;
    boolean anyPeroxide = false;
    boolean twoPartners = false;
    for (int i = 0; i < oxygenCount; i++) {
      int partners = 0;
      for (int j = 0; j < oxygenCount; j++) {
        if (i == j) {
          continue;
        }
        double d = image.distance(oxygen[i], oxygen[j]);
        if (d < superoxide) {
          anySuperoxide = true;
          partners++;
        } else if (d < peroxide) {
          anyPeroxide = true;
        }
      }
      twoPartners |= partners >= 2;
    }
    if (anySuperoxide) {
      return twoPartners ? "ozonide" : "superoxide";
    }
    return anyPeroxide ? "peroxide" : "oxide";
  }

  /** Shortest distance between two fractional positions over the periodic images. */
  private static final class MinimumImage {
    private final Lattice lattice;
    private final int[] range = new int[3];
    private final double[] cart = new double[3];

    MinimumImage(Lattice lattice, double maxRelevantAngstrom) {
      this.lattice = lattice;
      // after wrapping the difference into [-0.5, 0.5), images further than this many cells
      // along an axis are farther than maxRelevantAngstrom
      double[] widths = lattice.perpendicularWidths();
      for (int k = 0; k < 3; k++) {
        range[k] = (int) Math.ceil(maxRelevantAngstrom / widths[k] + 0.5);
      }
    }

    /** Exact minimum-image distance in Å when below maxRelevantAngstrom, else some larger value. */
    double distance(double[] f1, double[] f2) {
      double da = f2[0] - f1[0];
      double db = f2[1] - f1[1];
      double dc = f2[2] - f1[2];
      da -= Math.rint(da);
      db -= Math.rint(db);
      dc -= Math.rint(dc);
      double best = Double.POSITIVE_INFINITY;
      for (int i = -range[0]; i <= range[0]; i++) {
        for (int j = -range[1]; j <= range[1]; j++) {
          for (int k = -range[2]; k <= range[2]; k++) {
            lattice.toCartesian(da + i, db + j, dc + k, cart);
            double d2 = cart[0] * cart[0] + cart[1] * cart[1] + cart[2] * cart[2];
            if (d2 < best) {
              best = d2;
            }
          }
        }
      }
      return Math.sqrt(best);
    }
  }
}
