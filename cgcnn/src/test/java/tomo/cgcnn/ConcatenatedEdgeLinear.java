package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * The edge linear as one matrix product of the concatenated [h_i, h_j, e_ij] (N·M rows) with the
 * stacked weight: the textbook form of what {@link EdgeLinear#FACTORED} computes, with the same
 * parameters. bench/README.md measured it 2× slower; it stays to check that both are one function.
 */
final class ConcatenatedEdgeLinear implements EdgeLinear {
  @Override
  public NDArray apply(ConvLayer conv, NDArray h, NeighborSlots slots, NDManager step) {
    long atoms = h.getShape().get(0);
    int a = conv.atomFeatures();
    int m = slots.perAtom();
    NDArray selfRows = h.reshape(atoms, 1, a).repeat(1, m).reshape(atoms * m, a);
    NDArray selfAndNeighbor = conv.wSelf().concat(conv.wNeighbor(), 0);
    // made in the network's manager (the parameters'): hand it to the step's
    selfAndNeighbor.attach(step);
    NDArray w = selfAndNeighbor.concat(conv.wEdge(), 0);
    return selfRows
        .concat(h.get(slots.atom()), 1)
        .concat(slots.edge(), 1)
        .matMul(w)
        .add(conv.bias());
  }
}
