package tomo.cgcnn;

/**
 * Crystals and atoms per second of training, counted over the steady-state epochs: the first epoch
 * of a process pays for warm-up (JIT, allocator, caches), so it counts only when it is the only
 * one.
 */
final class Throughput {
  private final int firstEpoch;
  private final boolean onlyOne;
  private double seconds;
  private long crystals;
  private long atoms;

  /**
   * @param firstEpoch the 0-based epoch this process starts with
   * @param epochs the epochs the training runs in all
   */
  Throughput(int firstEpoch, int epochs) {
    this.firstEpoch = firstEpoch;
    this.onlyOne = epochs - firstEpoch == 1;
  }

  /**
   * Counts 0-based {@code epoch}, which trained {@code crystals} crystals of {@code atoms} atoms.
   */
  void add(int epoch, double seconds, long crystals, long atoms) {
    if (epoch > firstEpoch || onlyOne) {
      this.seconds += seconds;
      this.crystals += crystals;
      this.atoms += atoms;
    }
  }

  /** NaN when no epoch counted. */
  double crystalsPerSecond() {
    return seconds > 0 ? crystals / seconds : Double.NaN;
  }

  /** NaN when no epoch counted. */
  double atomsPerSecond() {
    return seconds > 0 ? atoms / seconds : Double.NaN;
  }
}
