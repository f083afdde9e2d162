package tomo.cgcnn;

import java.util.Locale;

/**
 * How a network with an extra input is initialised against its baseline (the same seed without the
 * extra input), and how its batches are ordered.
 *
 * <p>The default makes (baseline, augmented) pairs tight: every parameter the baseline has is drawn
 * from the same seeded stream in the same order, the extra input's weights are zero, and each
 * epoch's order is the baseline's with the rows the augmented training lacks left out. At step 0
 * both networks then compute the same function, so a difference in the end can only come from the
 * added information. The other schemes exist to measure what that buys ({@code
 * -Dtomo.cgcnn.initScheme=seeded|joint}, see bench/README.md "Tight pairs").
 */
enum InitScheme {
  /** Tight pairs; the extra input's weights start at zero (the default). */
  ZERO_EXTRA("zero"),
  /** Tight pairs; the extra input's weights drawn from their own seeded stream. */
  SEEDED_EXTRA("seeded"),
  /**
   * Before tight pairs: one hidden Linear over [pooled, extra], so the extra column changed the
   * hidden layer's init bound and every later draw, and the shuffle permuted the kept rows only.
   */
  JOINT("joint");

  private final String key;

  InitScheme(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  /** The scheme named by {@code -Dtomo.cgcnn.initScheme}, {@link #ZERO_EXTRA} when unset. */
  static InitScheme fromSystemProperty() {
    String value = System.getProperty("tomo.cgcnn.initScheme", ZERO_EXTRA.key);
    for (InitScheme s : values()) {
      if (s.key.equals(value.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "-Dtomo.cgcnn.initScheme=%s: expected zero, seeded or joint".formatted(value));
  }
}
