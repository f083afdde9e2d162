package tomo.materials.graph;

import java.util.Locale;

/**
 * How crystals become graphs; everything that decides a graph's content.
 *
 * @param mode structure (nearest neighbours) or composition only (the "fooled" graph)
 * @param maxNeighbors neighbour slots per node (M)
 * @param cutoffAngstrom neighbour search radius in Å (structure mode; NaN in composition mode)
 * @param fooledDistanceAngstrom the one distance of every edge in Å (composition mode; NaN in
 *     structure mode)
 * @param expansion Gaussian expansion of distances into edge features
 */
public record GraphSettings(
    GraphMode mode,
    int maxNeighbors,
    double cutoffAngstrom,
    double fooledDistanceAngstrom,
    GaussianExpansion expansion) {

  /**
   * Version of the graph construction rules. Raise it whenever the builder changes what it produces
   * for the same input, so caches written by older builders are not reused.
   */
  public static final int BUILDER_VERSION = 1;

  public GraphSettings {
    if (mode == null || expansion == null) {
      throw new IllegalArgumentException("graph settings need a mode and a Gaussian expansion");
    }
    if (maxNeighbors < 1) {
      throw new IllegalArgumentException("maxNeighbors must be at least 1, got " + maxNeighbors);
    }
    if (mode == GraphMode.STRUCTURE && !(cutoffAngstrom > 0 && cutoffAngstrom < 1e3)) {
      throw new IllegalArgumentException(
          "structure graphs need a cutoff in (0, 1000) Å, got " + cutoffAngstrom);
    }
    if (mode == GraphMode.COMPOSITION
        && !(fooledDistanceAngstrom >= 0 && fooledDistanceAngstrom < 1e3)) {
      throw new IllegalArgumentException(
          "composition graphs need a fixed distance in [0, 1000) Å, got " + fooledDistanceAngstrom);
    }
  }

  /** CGCNN's structure graph: 12 nearest neighbours within 8 Å, 0–8 Å Gaussians. */
  public static GraphSettings structure() {
    return new GraphSettings(GraphMode.STRUCTURE, 12, 8.0, Double.NaN, GaussianExpansion.CGCNN);
  }

  /** The composition-only graph: 12 neighbours, every edge 1.0 Å, 0–8 Å Gaussians. */
  public static GraphSettings composition() {
    return new GraphSettings(GraphMode.COMPOSITION, 12, Double.NaN, 1.0, GaussianExpansion.CGCNN);
  }

  /** The default settings of a mode. */
  public static GraphSettings of(GraphMode mode) {
    return mode == GraphMode.STRUCTURE ? structure() : composition();
  }

  /**
   * Stable text naming these settings and the builder version, e.g. {@code
   * graphs-v1;mode=structure;M=12;cutoff=8.0;gauss=0.0:8.0:0.2:0.2}. Part of the graph cache key.
   */
  public String key() {
    String geometry =
        mode == GraphMode.STRUCTURE
            ? "cutoff=" + number(cutoffAngstrom)
            : "distance=" + number(fooledDistanceAngstrom);
    return "graphs-v%d;mode=%s;M=%d;%s;gauss=%s:%s:%s:%s"
        .formatted(
            BUILDER_VERSION,
            mode.name().toLowerCase(Locale.ROOT),
            maxNeighbors,
            geometry,
            number(expansion.minAngstrom()),
            number(expansion.maxAngstrom()),
            number(expansion.stepAngstrom()),
            number(expansion.widthAngstrom()));
  }

  private static String number(double v) {
    return Double.toString(v);
  }
}
