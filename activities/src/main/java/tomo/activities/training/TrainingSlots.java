package tomo.activities.training;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The slots of a {@link TrainingLayout} handed to running trainings: a training takes a free slot
 * for its whole run (its device and threads) and gives it back at the end. Temporal starts at most
 * K activities at once, so a slot is normally free; if not, the training waits for one.
 */
public final class TrainingSlots {
  private final TrainingLayout layout;
  private final List<TrainingSlot> free;
  private final Map<String, Integer> busyByDevice = new HashMap<>();

  public TrainingSlots(TrainingLayout layout) {
    this.layout = layout;
    this.free = new ArrayList<>(layout.slots());
  }

  public TrainingLayout layout() {
    return layout;
  }

  /** Takes the free slot on the least busy device (first in layout order among equals). */
  public synchronized TrainingSlot acquire() throws InterruptedException {
    while (free.isEmpty()) {
      wait();
    }
    TrainingSlot best = null;
    for (TrainingSlot s : free) {
      if (best == null || busy(s) < busy(best)) {
        best = s;
      }
    }
    free.remove(best);
    busyByDevice.merge(best.device(), 1, Integer::sum);
    return best;
  }

  /** Gives a slot taken by {@link #acquire()} back. */
  public synchronized void release(TrainingSlot slot) {
    if (!layout.slots().contains(slot) || free.contains(slot)) {
      throw new IllegalArgumentException("slot " + slot + " is not taken from this worker");
    }
    free.add(slot);
    free.sort(java.util.Comparator.comparingInt(TrainingSlot::index));
    busyByDevice.merge(slot.device(), -1, Integer::sum);
    notifyAll();
  }

  private int busy(TrainingSlot s) {
    return busyByDevice.getOrDefault(s.device(), 0);
  }
}
