package tomo.materials.graph;

/** How a crystal becomes a graph. */
public enum GraphMode {
  /** Up to M nearest neighbours of each site within the cutoff, over periodic images. */
  STRUCTURE,
  /**
   * Composition only (the "fooled" graph): every site bonded to every other site (up to M) at one
   * fixed distance, so no geometry reaches the network.
   */
  COMPOSITION;

  /**
   * The mode of a sweep representation name, {@code structure} or {@code composition} (any case).
   *
   * @throws IllegalArgumentException naming the allowed representations
   */
  public static GraphMode ofRepresentation(String representation) {
    for (GraphMode mode : values()) {
      if (mode.name().equalsIgnoreCase(representation)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "representation '" + representation + "' is not one of structure, composition");
  }
}
