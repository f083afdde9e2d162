package tomo.cgcnn;

import tomo.hyper.InitMode;

/**
 * The seed of an {@link tomo.hyper.InitMode#INDEPENDENT} network's draws and batch order: the
 * training's seed mixed with the extra property's name, so that the network is its own and still
 * the same for the same (seed, property).
 */
final class IndependentSeed {
  private IndependentSeed() {}

  /** Whether a network of {@code init} adding {@code extraProperty} draws from its own stream. */
  static boolean applies(InitMode init, String extraProperty) {
    return init == InitMode.INDEPENDENT && extraProperty != null;
  }

  /** The seed of the draws and batch order: {@link #of} where it applies, else {@code seed}. */
  static long streamSeed(InitMode init, long seed, String extraProperty) {
    return applies(init, extraProperty) ? of(seed, extraProperty) : seed;
  }

  /** String.hashCode is fixed by the language, so the mix is stable across runs and machines. */
  static long of(long seed, String extraProperty) {
    long z = seed * 0x9E3779B97F4A7C15L + extraProperty.hashCode();
    // SplitMix64's finalizer: nearby (seed, name) pairs give unrelated streams
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
