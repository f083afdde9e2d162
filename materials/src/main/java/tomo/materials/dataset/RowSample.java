package tomo.materials.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded uniform random subset of a file's rows, chosen before any CIF is parsed. {@link
 * Random}'s generator is specified by the JDK, so the same row count, size and seed select the same
 * rows on every JVM.
 */
final class RowSample {
  private RowSample() {}

  /**
   * {@code size} of {@code rows} drawn uniformly without replacement (partial Fisher–Yates), kept
   * in file order; all rows when {@code size} is 0 or not below the row count.
   */
  static <T> List<T> of(List<T> rows, int size, long seed) {
    int n = rows.size();
    if (size <= 0 || size >= n) {
      return rows;
    }
    int[] index = new int[n];
    for (int i = 0; i < n; i++) {
      index[i] = i;
    }
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(n - i);
      int t = index[i];
      index[i] = index[j];
      index[j] = t;
    }
    int[] chosen = Arrays.copyOf(index, size);
    Arrays.sort(chosen);
    List<T> out = new ArrayList<>(size);
    for (int i : chosen) {
      out.add(rows.get(i));
    }
    return out;
  }
}
