package tomo.cgcnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tomo.hyper.Scaling;
import tomo.materials.graph.CrystalGraph;

/**
 * A {@link TrainingData} made ready for one {@link TrainingTask}: rows without a target (or extra,
 * or another value the task requires) dropped and counted, the split applied, labels standardized
 * and the extra input encoded (numeric: standardized; categorical: one-hot; masked: zeros).
 */
final class PreparedData {
  final TrainingData data;
  final PropertyColumn target;
  final PropertyColumn extra; // null without extra input
  final boolean extraMasked;
  final int[] train;
  final int[] validation;
  final int[] test;
  final int droppedMissingTarget;
  final int droppedMissingExtra;
  final int droppedIncomplete;
  final Standardizer targetScaler;
  final Standardizer extraScaler;
  final int extraWidth;
  final float[][] nodeTable;

  PreparedData(TrainingData data, TrainingTask task, Scaling scaling) {
    this.data = data;
    this.target = data.column(task.target());
    this.extra = task.extraProperty() == null ? null : data.column(task.extraProperty());
    this.extraMasked = task.extraMasked();
    List<PropertyColumn> required = new ArrayList<>();
    for (String name : task.completeOver()) {
      required.add(data.column(name));
    }
    DataSplit split = DataSplit.fromSeed(data.size(), task.seed());
    int[][] parts = new int[3][data.size()];
    int[] counts = new int[3];
    int noTarget = 0;
    int noExtra = 0;
    int incomplete = 0;
    for (int i = 0; i < data.size(); i++) {
      if (target.missing(i)) {
        noTarget++;
      } else if (extra != null && extra.missing(i)) {
        noExtra++;
      } else if (lacksAny(required, i)) {
        incomplete++;
      } else {
        int p = split.part()[i];
        parts[p][counts[p]++] = i;
      }
    }
    this.train = Arrays.copyOf(parts[0], counts[0]);
    this.validation = Arrays.copyOf(parts[1], counts[1]);
    this.test = Arrays.copyOf(parts[2], counts[2]);
    this.droppedMissingTarget = noTarget;
    this.droppedMissingExtra = noExtra;
    this.droppedIncomplete = incomplete;
    if (train.length == 0 || validation.length == 0 || test.length == 0) {
      throw new TrainingDataException(
          ("target %s%s: too few materials with values to split: of %d materials %d lack the"
                  + " target%s%s, leaving train %d, validation %d, test %d")
              .formatted(
                  target.name(),
                  extra == null ? "" : " (extra " + extra.name() + ")",
                  data.size(),
                  noTarget,
                  extra == null ? "" : " and " + noExtra + " the extra",
                  required.isEmpty()
                      ? ""
                      : ", " + incomplete + " another of " + task.completeOver(),
                  train.length,
                  validation.length,
                  test.length));
    }
    // the paper z-scores with its whole (complete) dataset's statistics, tomo with the training
    // part's, which the model is fitted on
    int[] scaled = scaling == Scaling.DATASET ? concat(train, validation, test) : train;
    this.targetScaler =
        target.categorical() ? Standardizer.IDENTITY : scaler(scaling, target.values(), scaled);
    this.extraScaler =
        extra == null || extra.categorical()
            ? Standardizer.IDENTITY
            : scaler(scaling, extra.values(), scaled);
    this.extraWidth = extra == null ? 0 : extra.categorical() ? extra.classes().size() : 1;
    this.nodeTable = nodeTable(data);
  }

  private static Standardizer scaler(Scaling scaling, double[] values, int[] rows) {
    return scaling == Scaling.DATASET
        ? Standardizer.ofSample(values, rows)
        : Standardizer.of(values, rows);
  }

  private static boolean lacksAny(List<PropertyColumn> columns, int row) {
    for (PropertyColumn c : columns) {
      if (c.missing(row)) {
        return true;
      }
    }
    return false;
  }

  private static int[] concat(int[]... parts) {
    int[] out = new int[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
    int k = 0;
    for (int[] p : parts) {
      System.arraycopy(p, 0, out, k, p.length);
      k += p.length;
    }
    return out;
  }

  private static float[][] nodeTable(TrainingData data) {
    int maxZ = 1;
    for (CrystalGraph g : data.graphs()) {
      for (int z : g.atomicNumbers()) {
        maxZ = Math.max(maxZ, z);
      }
    }
    int f = data.featurizer().dimension();
    float[][] table = new float[maxZ + 1][];
    table[0] = new float[f];
    for (int z = 1; z <= maxZ; z++) {
      table[z] = data.featurizer().features(z);
      if (table[z].length != f) {
        throw new IllegalStateException(
            "featurizer gave %d values for Z=%d, expected %d".formatted(table[z].length, z, f));
      }
    }
    return table;
  }

  int outputWidth() {
    return target.categorical() ? target.classes().size() : 1;
  }

  /** The batch of materials {@code rows[from .. to)}, in new buffers. */
  HostBatch batch(int[] rows, int from, int to) {
    return pack(rows, from, to, new HostBatch());
  }

  /** Packs the materials {@code rows[from .. to)} into {@code into} (reusing its buffers). */
  HostBatch pack(int[] rows, int from, int to, HostBatch into) {
    int b = to - from;
    int m = data.maxNeighbors();
    int atoms = 0;
    for (int k = from; k < to; k++) {
      atoms += data.graphs().get(rows[k]).nodeCount();
    }
    into.reset(b, atoms, m, extraWidth);
    int offset = 0;
    for (int k = 0; k < b; k++) {
      int row = rows[from + k];
      CrystalGraph g = data.graphs().get(row);
      int n = g.nodeCount();
      int[] gz = g.atomicNumbers();
      int[] gn = g.neighborIndices();
      float[] gd = g.neighborDistancesAngstrom();
      for (int i = 0; i < n; i++) {
        into.setAtom(offset + i, gz[i], k);
      }
      for (int s = 0; s < n * m; s++) {
        into.setSlot(offset * m + s, offset + gn[s], gd[s]);
      }
      double y = target.values()[row];
      into.setCrystal(k, 1f / n, target.categorical() ? y : targetScaler.apply(y), y);
      if (extra != null && !extraMasked) {
        double x = extra.values()[row];
        if (extra.categorical()) {
          into.setExtra(k * extraWidth + (int) x, 1f);
        } else {
          into.setExtra(k, (float) extraScaler.apply(x));
        }
      }
      offset += n;
    }
    return into;
  }
}
