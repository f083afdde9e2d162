package tomo.cgcnn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One batch of crystals in native (direct, native-order) memory, packed off the training thread;
 * the engine reads it in place, without a copy.
 *
 * <p>A training reuses a few of these for the whole run instead of allocating per step: a direct
 * buffer is freed only when the garbage collector gets round to it, and a collector that runs every
 * few minutes let tens of MB of dead buffers pile up per epoch, which the allocator then kept (the
 * resident memory grew epoch after epoch). Buffers grow to the largest batch seen and stay there. A
 * batch must not be refilled while tensors made from it are alive: the trainer hands it back only
 * after the step's tensors are closed.
 *
 * <p>Layout, for B crystals of N atoms in all and M neighbour slots per atom: Z of each atom
 * (int64, N); global (batch) atom index of every neighbour slot (int64, N × M); slot distance in Å
 * (float32, N × M); batch crystal index of every atom (int64, N); 1 / atoms of each crystal
 * (float32, B, for mean pooling); encoded extra input (float32, B × extraWidth); label: the
 * standardized numeric target or the class index (float64, B). {@code raw} holds the target in its
 * unit (numeric) or the class index, on the heap, for the metrics.
 */
final class HostBatch {
  private int crystals;
  private int atoms;
  private ByteBuffer atomicNumbers = direct(0);
  private ByteBuffer neighbors = direct(0);
  private ByteBuffer distances = direct(0);
  private ByteBuffer crystalOfAtom = direct(0);
  private ByteBuffer inverseAtomCount = direct(0);
  private ByteBuffer extra = direct(0);
  private ByteBuffer label = direct(0);
  private double[] raw = new double[0];

  /** Makes room for a batch of this size (keeping larger buffers) and sets its counts. */
  void reset(int crystals, int atoms, int maxNeighbors, int extraWidth) {
    this.crystals = crystals;
    this.atoms = atoms;
    long slots = (long) atoms * maxNeighbors;
    atomicNumbers = atLeast(atomicNumbers, atoms * 8L);
    neighbors = atLeast(neighbors, slots * 8);
    distances = atLeast(distances, slots * 4);
    crystalOfAtom = atLeast(crystalOfAtom, atoms * 8L);
    inverseAtomCount = atLeast(inverseAtomCount, crystals * 4L);
    extra = atLeast(extra, (long) crystals * extraWidth * 4);
    // one-hot extra input is written sparsely: clear what the previous batch set
    for (int i = 0; i < crystals * extraWidth; i++) {
      extra.putFloat(i * 4, 0f);
    }
    label = atLeast(label, crystals * 8L);
    if (raw.length < crystals) {
      raw = new double[crystals];
    }
  }

  private static ByteBuffer atLeast(ByteBuffer b, long bytes) {
    return b.capacity() >= bytes
        ? b
        : direct(Math.toIntExact(Math.max(bytes, b.capacity() * 5L / 4)));
  }

  private static ByteBuffer direct(int bytes) {
    return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
  }

  int crystals() {
    return crystals;
  }

  int atoms() {
    return atoms;
  }

  ByteBuffer atomicNumbers() {
    return atomicNumbers;
  }

  ByteBuffer neighbors() {
    return neighbors;
  }

  ByteBuffer distancesAngstrom() {
    return distances;
  }

  ByteBuffer crystalOfAtom() {
    return crystalOfAtom;
  }

  ByteBuffer inverseAtomCount() {
    return inverseAtomCount;
  }

  ByteBuffer extra() {
    return extra;
  }

  ByteBuffer label() {
    return label;
  }

  double raw(int crystal) {
    return raw[crystal];
  }

  void setAtom(int atom, int z, int crystal) {
    atomicNumbers.putLong(atom * 8, z);
    crystalOfAtom.putLong(atom * 8, crystal);
  }

  void setSlot(int slot, long neighbor, float distanceAngstrom) {
    neighbors.putLong(slot * 8, neighbor);
    distances.putFloat(slot * 4, distanceAngstrom);
  }

  void setCrystal(int crystal, float inverseAtomCount, double label, double raw) {
    this.inverseAtomCount.putFloat(crystal * 4, inverseAtomCount);
    this.label.putDouble(crystal * 8, label);
    this.raw[crystal] = raw;
  }

  void setExtra(int index, float value) {
    extra.putFloat(index * 4, value);
  }
}
