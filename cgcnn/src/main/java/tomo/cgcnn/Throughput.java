package tomo.cgcnn;

/**
 * Crystals and atoms per second of training, counted over the steady-state epochs: the first epoch
 * of a process pays for warm-up (JIT, allocator, caches), so it counts only when it is the only
 * one. Every epoch trains each training row once, so an epoch's crystals and atoms are the same.
 */
final class Throughput {
  private final int firstEpoch;
  private final boolean onlyOne;
  private final long crystalsPerEpoch;
  private final long atomsPerEpoch;
  private double seconds;
  private int epochsCounted;

  /**
   * @param firstEpoch the 0-based epoch this process starts with
   * @param epochs the epochs the training runs in all
   * @param prepared the data whose training rows every epoch trains
   */
  Throughput(int firstEpoch, int epochs, PreparedData prepared) {
    this.firstEpoch = firstEpoch;
    this.onlyOne = epochs - firstEpoch == 1;
    this.crystalsPerEpoch = prepared.train.length;
    // crystals differ 200-fold in size, so atoms/s too
    long atoms = 0;
    for (int r : prepared.train) {
      atoms += prepared.data.graphs().get(r).nodeCount();
    }
    this.atomsPerEpoch = atoms;
  }

  /** Counts 0-based {@code epoch}, whose training took {@code seconds}. */
  void add(int epoch, double seconds) {
    if (epoch > firstEpoch || onlyOne) {
      this.seconds += seconds;
      epochsCounted++;
    }
  }

  /** NaN when no epoch counted. */
  double crystalsPerSecond() {
    return seconds > 0 ? (double) (crystalsPerEpoch * epochsCounted) / seconds : Double.NaN;
  }

  /** NaN when no epoch counted. */
  double atomsPerSecond() {
    return seconds > 0 ? (double) (atomsPerEpoch * epochsCounted) / seconds : Double.NaN;
  }
}
