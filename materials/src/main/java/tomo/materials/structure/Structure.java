package tomo.materials.structure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A periodic crystal: a lattice and the fully occupied sites of one cell.
 *
 * @param lattice the cell
 * @param sites the sites of the cell, in file order
 */
public record Structure(Lattice lattice, List<Site> sites) {
  /** Grams per cm³ of one atomic mass unit per Å³ (1.66053906660e-24 g / 1e-24 cm³). */
  public static final double GRAMS_PER_CM3_PER_AMU_PER_ANGSTROM3 = 1.66053906660;

  public Structure {
    sites = List.copyOf(sites);
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("a structure needs at least one site");
    }
  }

  /** Number of sites in the cell. */
  public int nsites() {
    return sites.size();
  }

  /** Cell volume in Å³. */
  public double volumeAngstrom3() {
    return lattice.volumeAngstrom3();
  }

  /** Atoms per element in the cell. */
  public Composition composition() {
    Map<Element, Integer> counts = new HashMap<>();
    for (Site s : sites) {
      counts.merge(s.element(), 1, Integer::sum);
    }
    return new Composition(counts);
  }

  /** Mass density in g/cm³. */
  public double densityGramsPerCm3() {
    return composition().massAmu() / volumeAngstrom3() * GRAMS_PER_CM3_PER_AMU_PER_ANGSTROM3;
  }

  /** Cartesian coordinates (Å) of all sites, x0 y0 z0 x1 y1 z1 … */
  public double[] cartesianCoordinates() {
    double[] xyz = new double[3 * sites.size()];
    double[] p = new double[3];
    for (int i = 0; i < sites.size(); i++) {
      Site s = sites.get(i);
      lattice.toCartesian(s.fracA(), s.fracB(), s.fracC(), p);
      System.arraycopy(p, 0, xyz, 3 * i, 3);
    }
    return xyz;
  }
}
