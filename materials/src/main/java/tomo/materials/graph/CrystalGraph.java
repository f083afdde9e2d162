package tomo.materials.graph;

/**
 * The CGCNN graph of one material in a dense layout: every node has exactly {@code maxNeighbors}
 * neighbour slots.
 *
 * <p>Slot k of node i is at index {@code i * maxNeighbors + k} of {@link #neighborIndices} and
 * {@link #neighborDistancesAngstrom}. Slots beyond a node's real neighbours are padded as CGCNN
 * does: neighbour index 0 and a distance of cutoff + 1 Å, whose Gaussian expansion is near zero.
 * Node features and edge features are not stored: they follow from the atomic numbers and distances
 * ({@link NodeFeaturizer}, {@link GaussianExpansion}).
 *
 * @param materialId the dataset's id, e.g. "mp-149"
 * @param atomicNumbers Z of each node (site), length n
 * @param neighborIndices neighbour node of each slot, length n × maxNeighbors
 * @param neighborDistancesAngstrom distance of each slot in Å, length n × maxNeighbors
 * @param maxNeighbors slots per node (M, 12 by default)
 * @param paddedSlots how many slots are padding (fewer than M neighbours within the cutoff)
 */
public record CrystalGraph(
    String materialId,
    int[] atomicNumbers,
    int[] neighborIndices,
    float[] neighborDistancesAngstrom,
    int maxNeighbors,
    int paddedSlots) {

  public CrystalGraph {
    int slots = atomicNumbers.length * maxNeighbors;
    if (neighborIndices.length != slots || neighborDistancesAngstrom.length != slots) {
      throw new IllegalArgumentException(
          "graph %s: %d nodes × %d slots needs %d entries, got %d indices and %d distances"
              .formatted(
                  materialId,
                  atomicNumbers.length,
                  maxNeighbors,
                  slots,
                  neighborIndices.length,
                  neighborDistancesAngstrom.length));
    }
  }

  /** Number of nodes (sites of the cell). */
  public int nodeCount() {
    return atomicNumbers.length;
  }
}
