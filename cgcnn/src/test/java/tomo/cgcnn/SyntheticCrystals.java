package tomo.cgcnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tomo.materials.graph.CrystalGraph;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.NodeFeaturizer;

/**
 * Random crystal graphs with a target that depends on the elements and the distances, so that a
 * network can learn it, for tests that must not depend on the dataset.
 */
final class SyntheticCrystals {
  static final int ELEMENTS = 8;

  /** One-hot of Z over the first {@link #ELEMENTS} elements. */
  static final NodeFeaturizer ONE_HOT =
      new NodeFeaturizer() {
        @Override
        public int dimension() {
          return ELEMENTS;
        }

        @Override
        public float[] features(int z) {
          float[] f = new float[ELEMENTS];
          f[(z - 1) % ELEMENTS] = 1f;
          return f;
        }
      };

  private SyntheticCrystals() {}

  /**
   * {@code n} crystals of 1..maxAtoms atoms with {@code m} neighbour slots, distances in [1,
   * cutoff); property "energy" (numeric), "kind" (3 classes) and "size" (numeric, one missing).
   */
  static TrainingData data(
      int n, int maxAtoms, int m, double cutoffAngstrom, GaussianExpansion expansion, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CrystalGraph> graphs = new ArrayList<>();
    double[] energy = new double[n];
    double[] kind = new double[n];
    double[] size = new double[n];
    for (int c = 0; c < n; c++) {
      int atoms = 1 + random.nextInt(maxAtoms);
      int[] z = new int[atoms];
      int[] nbr = new int[atoms * m];
      float[] dist = new float[atoms * m];
      double e = 0;
      for (int i = 0; i < atoms; i++) {
        z[i] = 1 + random.nextInt(ELEMENTS);
        e += Math.sin(z[i]);
        for (int k = 0; k < m; k++) {
          nbr[i * m + k] = random.nextInt(atoms);
          dist[i * m + k] = (float) (1 + random.nextDouble() * (cutoffAngstrom - 1));
          e += 0.05 * dist[i * m + k] / m;
        }
      }
      energy[c] = e / atoms;
      kind[c] = energy[c] < -0.3 ? 0 : energy[c] < 0.4 ? 1 : 2;
      size[c] = c == 3 ? Double.NaN : atoms;
      graphs.add(new CrystalGraph("syn-" + c, z, nbr, dist, m, 0));
    }
    return new TrainingData(
        "synthetic-" + seed,
        "synthetic-m" + m,
        graphs,
        ONE_HOT,
        expansion,
        Map.of(
            "energy",
            PropertyColumn.numeric("energy", energy),
            "kind",
            new PropertyColumn("kind", List.of("low", "mid", "high"), kind),
            "size",
            PropertyColumn.numeric("size", size)));
  }
}
