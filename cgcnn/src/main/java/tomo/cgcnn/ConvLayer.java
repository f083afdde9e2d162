package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.util.Map;

/**
 * One graph convolution of CGCNN (the paper's eq. 5): every atom adds the gated messages of its
 * neighbour slots, σ(z)·softplus(z) with z = BN(W·[h_i, h_j, e_ij] + b), batch-normalized, and
 * passes the sum through softplus. It holds the edge linear's weight split by input block ({@code
 * NAME.w_self}, {@code NAME.w_neighbor}, {@code NAME.w_edge}, each to 2a columns: filter and core
 * halves) and bias ({@code NAME.bias}), and two batch norms ({@code NAME.bn_edge} over the 2a gate
 * inputs, {@code NAME.bn_sum} over the a summed features).
 */
final class ConvLayer extends Layer {
  private final int atomFeatures;
  private final NDArray wSelf;
  private final NDArray wNeighbor;
  private final NDArray wEdge;
  private final NDArray bias;
  private final BatchNorm bnEdge;
  private final BatchNorm bnSum;

  /**
   * One PyTorch Linear(2a + g, 2a) split by input block: the same init bound 1/sqrt(2a + g), drawn
   * self, neighbour, edge, bias.
   */
  ConvLayer(String name, int atomFeatures, int edgeFeatures, ParameterFactory factory) {
    super(name);
    int a = atomFeatures;
    double bound = 1.0 / Math.sqrt(2.0 * a + edgeFeatures);
    this.atomFeatures = a;
    this.wSelf = factory.uniform(bound, a, 2 * a);
    this.wNeighbor = factory.uniform(bound, a, 2 * a);
    this.wEdge = factory.uniform(bound, edgeFeatures, 2 * a);
    this.bias = factory.uniform(bound, 2 * a);
    this.bnEdge = new BatchNorm(qualified("bn_edge"), 2 * a, factory);
    this.bnSum = new BatchNorm(qualified("bn_sum"), a, factory);
  }

  int atomFeatures() {
    return atomFeatures;
  }

  NDArray wSelf() {
    return wSelf;
  }

  NDArray wNeighbor() {
    return wNeighbor;
  }

  NDArray wEdge() {
    return wEdge;
  }

  NDArray bias() {
    return bias;
  }

  /** The updated atom vectors (N × a) from {@code h} (N × a). */
  NDArray forward(
      NDArray h, NeighborSlots slots, boolean training, EdgeLinear form, NDManager step) {
    long atoms = h.getShape().get(0);
    NDArray gated = bnEdge.forward(form.apply(this, h, slots, step), training);
    NDList halves = gated.split(2, 1);
    NDArray filter = halves.get(0).getNDArrayInternal().sigmoid();
    NDArray core = halves.get(1).getNDArrayInternal().softPlus();
    NDArray summed =
        filter.mul(core).reshape(atoms, slots.perAtom(), atomFeatures).sum(new int[] {1});
    summed = bnSum.forward(summed, training);
    return h.add(summed).getNDArrayInternal().softPlus();
  }

  @Override
  void addParameters(Map<String, NDArray> into) {
    into.put(qualified("w_self"), wSelf);
    into.put(qualified("w_neighbor"), wNeighbor);
    into.put(qualified("w_edge"), wEdge);
    into.put(qualified("bias"), bias);
    bnEdge.addParameters(into);
    bnSum.addParameters(into);
  }

  @Override
  void addBuffers(Map<String, NDArray> into) {
    bnEdge.addBuffers(into);
    bnSum.addBuffers(into);
  }
}
