package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a network with an extra input starts against its baseline (the same seed without the extra
 * input), and in which order it visits its batches.
 */
public enum InitScheme {
  /**
   * Tight pairs (tomo's default): every parameter the baseline has is drawn from the same seeded
   * stream in the same order, the extra input's weights are zero, and each epoch's order is the
   * baseline's with the rows the augmented training lacks left out. At step 0 both networks compute
   * the same function, so a difference in the end can only come from the added information.
   */
  TIGHT("tight"),
  /**
   * The paper's code: the augmented network is a network of its own. Its weights (one hidden layer
   * over [pooled, extra], extra rows drawn like the others) and its batch order come from a stream
   * seeded by the seed mixed with the extra property's name, so it starts neither as its baseline
   * nor as another property's network, and is still the same for the same (seed, property). A
   * baseline (no extra property) starts as under {@link #TIGHT}.
   */
  INDEPENDENT("independent");

  private final String key;

  InitScheme(String key) {
    this.key = key;
  }

  /** The name in JSON and in the checkpoint fingerprint. */
  @JsonValue
  public String key() {
    return key;
  }

  /**
   * The seed of an {@link #INDEPENDENT} network's draws and batch order: {@code seed} mixed with
   * the property's name (String.hashCode is fixed by the language, so the mix is stable).
   */
  static long independentSeed(long seed, String extraProperty) {
    long z = seed * 0x9E3779B97F4A7C15L + extraProperty.hashCode();
    // SplitMix64's finalizer: nearby (seed, name) pairs give unrelated streams
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
