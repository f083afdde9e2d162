package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * How a convolution computes its edge linear W·[h_i, h_j, e_ij] + b for every (atom i, slot j): the
 * (N·M) × 2a input of its gate. The network uses {@link #FACTORED}; another form of the same
 * function is only for measuring what the factoring buys and checking that it is the same.
 */
@FunctionalInterface
interface EdgeLinear {
  /**
   * The factored form W_i·h_i + W_j·h_j + W_e·e_ij + b: the atom parts are computed once per atom
   * (N rows) and only then gathered to the N × M slots, about a third of the multiply-adds of the
   * concatenation, with the same result.
   */
  EdgeLinear FACTORED =
      (conv, h, slots, step) -> {
        long atoms = h.getShape().get(0);
        long width = 2L * conv.atomFeatures();
        NDArray self = h.matMul(conv.wSelf()).add(conv.bias()); // N × 2a
        NDArray neighbor = h.matMul(conv.wNeighbor()).get(slots.atom()); // (N·M) × 2a
        return slots
            .edge()
            .matMul(conv.wEdge())
            .add(neighbor)
            .reshape(atoms, slots.perAtom(), width)
            .add(self.reshape(atoms, 1, width))
            .reshape(atoms * slots.perAtom(), width);
      };

  /**
   * (N·M) × 2a: the edge linear of {@code conv}'s parameters over atom vectors {@code h} (N × a);
   * intermediate tensors in {@code step}.
   */
  NDArray apply(ConvLayer conv, NDArray h, NeighborSlots slots, NDManager step);
}
