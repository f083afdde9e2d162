package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * The first layer: a linear map of each atom's node features to the atom vectors the convolutions
 * update. It holds the element table (a constant) and the linear's parameters ({@code NAME.weight},
 * {@code NAME.bias}). The embedding of every element is computed once (Z_max rows) and gathered per
 * atom, equal to embedding every atom's one-hot vector.
 */
final class AtomEmbedding extends Layer {
  private final NDArray nodeTable; // (Zmax + 1) × F, row z = features of element z
  private final Linear linear;

  AtomEmbedding(String name, NDArray nodeTable, int atomFeatures, ParameterFactory factory) {
    super(name);
    this.nodeTable = nodeTable;
    this.linear =
        new Linear(name, Math.toIntExact(nodeTable.getShape().get(1)), atomFeatures, factory);
  }

  /** N × atom features for the atomic numbers {@code z} (N). */
  NDArray forward(NDArray z, NDManager step) {
    NDArray table = nodeTable.matMul(linear.weight());
    // the product is made in the network's manager (the table's): hand it to the step's
    table.attach(step);
    return table.add(linear.bias()).get(z);
  }

  @Override
  void addParameters(Map<String, NDArray> into) {
    linear.addParameters(into);
  }
}
