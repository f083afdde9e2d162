package tomo.cgcnn;

import ai.djl.ndarray.NDArray;

/**
 * The neighbour slots of one batch's atoms, as the convolutions read them: M slots per atom, row
 * i·M + k the k-th neighbour of atom i.
 *
 * @param atom (N·M) index of the atom in each slot
 * @param edge (N·M) × G Gaussian expansion of each slot's distance
 * @param perAtom M, the slots per atom
 */
record NeighborSlots(NDArray atom, NDArray edge, int perAtom) {
  NeighborSlots {
    if (atom == null || edge == null || perAtom < 1) {
      throw new IllegalArgumentException(
          "neighbour slots need their atoms, their edges and >= 1 slot per atom, got " + perAtom);
    }
  }
}
