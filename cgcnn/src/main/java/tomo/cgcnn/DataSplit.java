package tomo.cgcnn;

import java.util.SplittableRandom;

/**
 * The 60/20/20 train/validation/test assignment of every material, drawn from a seed.
 *
 * <p>The split is made over all materials before any row is dropped for a missing value, so every
 * training of one seed (the baseline and each augmented model) assigns a material to the same part.
 *
 * @param part per material: 0 train, 1 validation, 2 test
 */
public record DataSplit(byte[] part) {
  public static final byte TRAIN = 0;
  public static final byte VALIDATION = 1;
  public static final byte TEST = 2;

  /**
   * Fewer materials with values cannot put one in each of train, validation and test: a check that
   * can run on the data alone, before graphs are built or a split is drawn.
   */
  public static final int MIN_MATERIALS = 3;

  /**
   * Shuffles 0..n-1 with the seed, then the first 60 % train, the next 20 % validation, rest test.
   */
  public static DataSplit fromSeed(int n, long seed) {
    int[] order = permutation(n, new SplittableRandom(seed ^ 0x5EED_5B17L));
    int trainEnd = (int) Math.round(n * 0.6);
    int valEnd = trainEnd + (int) Math.round(n * 0.2);
    byte[] part = new byte[n];
    for (int k = 0; k < n; k++) {
      part[order[k]] = k < trainEnd ? TRAIN : k < valEnd ? VALIDATION : TEST;
    }
    return new DataSplit(part);
  }

  /** Fisher–Yates shuffle of 0..n-1. */
  static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  public int size() {
    return part.length;
  }
}
