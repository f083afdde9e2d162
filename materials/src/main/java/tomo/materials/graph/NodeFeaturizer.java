package tomo.materials.graph;

/** Maps an element to the node feature vector the network embeds. */
public interface NodeFeaturizer {
  /** Length of every feature vector. */
  int dimension();

  /** The feature vector of the element with atomic number {@code z} (a fresh array). */
  float[] features(int z);
}
