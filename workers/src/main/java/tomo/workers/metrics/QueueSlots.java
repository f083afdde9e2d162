package tomo.workers.metrics;

import java.util.BitSet;

/** Training slots of one task queue: which slot indices are taken, and how many the worker has. */
final class QueueSlots {
  /** Per-slot series of trainings beyond this many concurrent trainings per queue are not kept. */
  static final int MAX_SLOTS_PER_QUEUE = 64;

  private final BitSet taken = new BitSet();
  private int busy;
  volatile int capacity;

  /** Takes the lowest free slot, or returns -1 when the training gets no per-slot series. */
  synchronized int acquire() {
    busy++;
    int slot = taken.nextClearBit(0);
    int limit = capacity > 0 ? Math.min(capacity, MAX_SLOTS_PER_QUEUE) : MAX_SLOTS_PER_QUEUE;
    if (slot >= limit) {
      return -1; // counted, but no per-slot series
    }
    taken.set(slot);
    return slot;
  }

  /** Frees a slot that {@link #acquire()} returned (-1 included). */
  synchronized void release(int slot) {
    busy--;
    if (slot >= 0) {
      taken.clear(slot);
    }
  }

  synchronized double busy() {
    return busy;
  }

  synchronized double free() {
    return Math.max(0, capacity - busy);
  }
}
