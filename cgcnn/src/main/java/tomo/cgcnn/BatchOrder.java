package tomo.cgcnn;

import java.util.SplittableRandom;
import tomo.hyper.InitMode;

/**
 * The order in which each epoch visits the training rows, from the seed and the epoch alone (so a
 * resumed run visits what the uninterrupted one would): under tight pairs one permutation of all
 * materials cut to the kept rows, for an independent network a permutation of its own rows from its
 * own seed; a fine-tuning continues the order of the training it starts from.
 */
final class BatchOrder {
  private final int[] rows;
  private final int materials;
  private final boolean independent;
  private final long seed;
  private final int epochOffset;

  /**
   * @param seed the training's seed, or an independent network's own ({@link IndependentSeed#of})
   * @param epochOffset the epochs of the training a fine-tuning starts from (0 for none)
   */
  private BatchOrder(int[] rows, int materials, boolean independent, long seed, int epochOffset) {
    this.rows = rows;
    this.materials = materials;
    this.independent = independent;
    this.seed = seed;
    this.epochOffset = epochOffset;
  }

  /** The order of {@code config}'s training on {@code prepared}, continuing {@code start}'s. */
  static BatchOrder of(TrainingConfig config, PreparedData prepared, WarmStart start) {
    long seed = config.task().seed();
    String extraProperty = config.task().extraProperty();
    InitMode init = config.hyper().init();
    return new BatchOrder(
        prepared.train,
        prepared.data.size(),
        IndependentSeed.applies(init, extraProperty),
        IndependentSeed.streamSeed(init, seed, extraProperty),
        start == null ? 0 : start.epochOffset());
  }

  /** The training rows in the order of 0-based {@code epoch}. */
  int[] epoch(int epoch) {
    int at = epochOffset + epoch;
    return independent ? shuffled(rows, seed, at) : shuffled(rows, materials, seed, at);
  }

  /**
   * Epoch {@code epoch}'s order of the training rows: one permutation of all {@code size} materials
   * from (seed, epoch), cut to {@code rows}. A training that lacks some rows (no extra value) so
   * visits the others in its baseline's order.
   */
  static int[] shuffled(int[] rows, int size, long seed, int epoch) {
    boolean[] kept = new boolean[size];
    for (int r : rows) {
      kept[r] = true;
    }
    int[] p = DataSplit.permutation(size, new SplittableRandom(seed * 1_000_003L + epoch));
    int[] out = new int[rows.length];
    int k = 0;
    for (int r : p) {
      if (kept[r]) {
        out[k++] = r;
      }
    }
    return out;
  }

  /**
   * The order of an {@link InitMode#INDEPENDENT} network (the paper's code, and tomo before tight
   * pairs): a permutation of the kept rows from its own (seed, epoch).
   */
  static int[] shuffled(int[] rows, long seed, int epoch) {
    int[] p = DataSplit.permutation(rows.length, new SplittableRandom(seed * 1_000_003L + epoch));
    int[] out = new int[rows.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = rows[p[i]];
    }
    return out;
  }
}
