package tomo.materials.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.PeriodicTable;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

/** Hand-made crystals for graph tests. */
final class TestCrystals {
  private TestCrystals() {}

  static Site site(String symbol, double a, double b, double c) {
    return new Site(PeriodicTable.bySymbol(symbol).orElseThrow(), a, b, c);
  }

  /** Rock salt NaCl, conventional cubic cell (8 sites, Na first). */
  static Structure rockSalt(double a) {
    return new Structure(
        Lattice.fromParameters(a, a, a, 90, 90, 90),
        List.of(
            site("Na", 0, 0, 0),
            site("Na", 0, 0.5, 0.5),
            site("Na", 0.5, 0, 0.5),
            site("Na", 0.5, 0.5, 0),
            site("Cl", 0.5, 0, 0),
            site("Cl", 0, 0.5, 0),
            site("Cl", 0, 0, 0.5),
            site("Cl", 0.5, 0.5, 0.5)));
  }

  /** Face-centred cubic copper in its one-site primitive cell. */
  static Structure fccPrimitive(double conventionalA) {
    double a = conventionalA / Math.sqrt(2);
    return new Structure(Lattice.fromParameters(a, a, a, 60, 60, 60), List.of(site("Cu", 0, 0, 0)));
  }

  /** One atom in a cubic box. */
  static Structure lonelyAtom(double boxAngstrom) {
    return new Structure(
        Lattice.fromParameters(boxAngstrom, boxAngstrom, boxAngstrom, 90, 90, 90),
        List.of(site("Ar", 0.25, 0.25, 0.25)));
  }

  /**
   * A random triclinic crystal with plausible density; fractional coordinates may lie outside [0,
   * 1) as they do in some files.
   */
  static Structure random(Random random, int sites) {
    double volumePerAtom = 10 + 15 * random.nextDouble();
    double alpha = 65 + 50 * random.nextDouble();
    double beta = 65 + 50 * random.nextDouble();
    double gamma = 65 + 50 * random.nextDouble();
    double ra = 0.6 + random.nextDouble();
    double rb = 0.6 + random.nextDouble();
    double rc = 0.6 + random.nextDouble();
    Lattice unit = Lattice.fromParameters(ra, rb, rc, alpha, beta, gamma);
    double scale = Math.cbrt(volumePerAtom * sites / unit.volumeAngstrom3());
    Lattice lattice =
        Lattice.fromParameters(ra * scale, rb * scale, rc * scale, alpha, beta, gamma);
    String[] symbols = {"Li", "O", "Fe", "Si", "Mg", "S"};
    List<Site> list = new ArrayList<>();
    for (int i = 0; i < sites; i++) {
      list.add(
          site(
              symbols[random.nextInt(symbols.length)],
              random.nextDouble() * 1.4 - 0.2,
              random.nextDouble(),
              random.nextDouble() * 2 - 0.5));
    }
    return new Structure(lattice, list);
  }
}
