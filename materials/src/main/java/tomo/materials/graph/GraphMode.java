package tomo.materials.graph;

/** How a crystal becomes a graph. */
public enum GraphMode {
  /** Up to M nearest neighbours of each site within the cutoff, over periodic images. */
  STRUCTURE,
  /**
   * Composition only (the "fooled" graph): every site bonded to every other site (up to M) at one
   * fixed distance, so no geometry reaches the network.
   */
  COMPOSITION
}
