package tomo.materials.graph;

import tomo.materials.structure.Structure;

/**
 * Turns a crystal into its CGCNN graph under one {@link GraphSettings}.
 *
 * <h2>Structure mode</h2>
 *
 * Each site's {@code maxNeighbors} nearest neighbours within the cutoff over periodic images
 * ({@link NeighborSearch}), ordered by distance then neighbour index. Periodic images of the site
 * itself are neighbours. A site with fewer neighbours within the cutoff is padded as CGCNN pads
 * (index 0, distance cutoff + 1 Å); the padded slots are counted in {@link
 * CrystalGraph#paddedSlots()}.
 *
 * <h2>Composition mode (the "fooled" graph)</h2>
 *
 * Every edge has the same distance, so no geometry reaches the network; what a node sees is only
 * which elements the other sites of the cell hold. Slot k of site i (n sites, M slots) holds site
 * {@code (i + 1 + floor(k * (n - 1) / M)) mod n}:
 *
 * <ul>
 *   <li>n = 1: the site is bonded to itself in all M slots (a one-site cell's structure graph is
 *       likewise made of self-images).
 *   <li>2 ≤ n ≤ M + 1: every other site appears, each ⌊M/(n−1)⌋ or ⌈M/(n−1)⌉ times, the extra
 *       repeats spread evenly over the cyclic order.
 *   <li>n &gt; M + 1: M distinct other sites, evenly spaced through the cyclic order after i.
 * </ul>
 *
 * <p>Why repeat rather than pad, and why evenly spaced rather than the next M sites: CGCNN sums
 * over slots without a mask, so padding slots would feed site 0's features (an accident of file
 * order) and a distinct "far away" edge into every padded node, and would make the message strength
 * depend on the number of sites. With every slot a real, equally distant bond, each node aggregates
 * a sample of the cell's composition. Structure files list sites grouped by element, so the next M
 * sites in file order would mostly be the node's own element; evenly spaced slots sample the
 * elements of the whole cell in proportion to their counts (within one site). The composition graph
 * therefore never pads.
 *
 * <p>Thread-safe for distinct threads only through {@link #forThread()}: a builder owns a neighbour
 * search work area.
 */
public final class CrystalGraphBuilder {
  private final GraphSettings settings;
  private final NeighborSearch search;

  public CrystalGraphBuilder(GraphSettings settings) {
    this.settings = settings;
    this.search =
        settings.mode() == GraphMode.STRUCTURE
            ? new NeighborSearch(settings.maxNeighbors(), settings.cutoffAngstrom())
            : null;
  }

  /** A fresh builder with the same settings (its own work area, for another thread). */
  public CrystalGraphBuilder forThread() {
    return new CrystalGraphBuilder(settings);
  }

  public GraphSettings settings() {
    return settings;
  }

  /** The graph of one crystal. */
  public CrystalGraph build(String materialId, Structure s) {
    int n = s.nsites();
    int m = settings.maxNeighbors();
    int[] z = new int[n];
    for (int i = 0; i < n; i++) {
      z[i] = s.sites().get(i).element().z();
    }
    int[] indices = new int[n * m];
    float[] distances = new float[n * m];
    int padded = fill(s, indices, distances, 0);
    return new CrystalGraph(materialId, z, indices, distances, m, padded);
  }

  /**
   * Writes the neighbour slots of {@code s} into {@code indices} and {@code distances} starting at
   * {@code offset} (nsites × M entries each); returns the number of padded slots.
   */
  public int fill(Structure s, int[] indices, float[] distances, int offset) {
    if (settings.mode() == GraphMode.COMPOSITION) {
      fillComposition(s.nsites(), indices, distances, offset);
      return 0;
    }
    if (offset == 0) {
      return search.search(s, indices, distances);
    }
    int slots = s.nsites() * settings.maxNeighbors();
    int[] idx = new int[slots];
    float[] dist = new float[slots];
    int padded = search.search(s, idx, dist);
    System.arraycopy(idx, 0, indices, offset, slots);
    System.arraycopy(dist, 0, distances, offset, slots);
    return padded;
  }

  private void fillComposition(int n, int[] indices, float[] distances, int offset) {
    int m = settings.maxNeighbors();
    float d = (float) settings.fooledDistanceAngstrom();
    for (int i = 0; i < n; i++) {
      int base = offset + i * m;
      for (int k = 0; k < m; k++) {
        indices[base + k] = n == 1 ? 0 : (int) ((i + 1 + (long) k * (n - 1) / m) % n);
        distances[base + k] = d;
      }
    }
  }
}
