package tomo.cgcnn;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tomo.hyper.HyperParameters;
import tomo.materials.graph.CrystalGraph;
import tomo.materials.graph.GaussianExpansion;

/**
 * Writes the graphs, target and split of one training as NumPy files, so a reference implementation
 * (bench/pytorch_cgcnn.py) trains on exactly what tomo trains on: node_z, crystal_offsets, nbr_idx
 * (global rows), nbr_dist, node_features, target (raw unit), split (0 train, 1 validation, 2 test;
 * materials without a target are left out) and meta.json; with an extra property also extra (its
 * raw value, or class index, per exported material; NaN where it has none), so the reference can
 * standardize and drop rows as {@link PreparedData} does.
 */
public final class GraphExport {
  private GraphExport() {}

  /** Writes the export of {@code config}'s target over {@code data} into {@code dir}. */
  public static void write(TrainingConfig config, TrainingData data, Path dir) throws IOException {
    TrainingTask task = config.task();
    Files.createDirectories(dir);
    PropertyColumn target = data.column(task.target());
    PropertyColumn extra = task.extraProperty() == null ? null : data.column(task.extraProperty());
    DataSplit split = DataSplit.fromSeed(data.size(), task.seed());
    int m = data.maxNeighbors();
    int n = 0;
    long atoms = 0;
    int maxZ = 1;
    for (int i = 0; i < data.size(); i++) {
      if (!target.missing(i)) {
        n++;
        CrystalGraph g = data.graphs().get(i);
        atoms += g.nodeCount();
        for (int z : g.atomicNumbers()) {
          maxZ = Math.max(maxZ, z);
        }
      }
    }
    int a = Math.toIntExact(atoms);
    int[] nodeZ = new int[a];
    long[] offsets = new long[n + 1];
    int[] nbr = new int[a * m];
    float[] dist = new float[a * m];
    double[] y = new double[n];
    double[] x = extra == null ? null : new double[n];
    byte[] part = new byte[n];
    int c = 0;
    int at = 0;
    for (int i = 0; i < data.size(); i++) {
      if (target.missing(i)) {
        continue;
      }
      CrystalGraph g = data.graphs().get(i);
      offsets[c] = at;
      System.arraycopy(g.atomicNumbers(), 0, nodeZ, at, g.nodeCount());
      int[] local = g.neighborIndices();
      for (int s = 0; s < local.length; s++) {
        nbr[at * m + s] = at + local[s];
      }
      System.arraycopy(g.neighborDistancesAngstrom(), 0, dist, at * m, local.length);
      y[c] = target.values()[i];
      if (x != null) {
        x[c] = extra.values()[i];
      }
      part[c] = split.part()[i];
      at += g.nodeCount();
      c++;
    }
    offsets[n] = at;
    int f = data.featurizer().dimension();
    float[] features = new float[maxZ * f];
    for (int z = 1; z <= maxZ; z++) {
      System.arraycopy(data.featurizer().features(z), 0, features, (z - 1) * f, f);
    }
    NpyWriter.int32(dir.resolve("node_z.npy"), nodeZ, a);
    NpyWriter.int64(dir.resolve("crystal_offsets.npy"), offsets, n + 1L);
    NpyWriter.int32(dir.resolve("nbr_idx.npy"), nbr, a, m);
    NpyWriter.float32(dir.resolve("nbr_dist.npy"), dist, a, m);
    NpyWriter.float32(dir.resolve("node_features.npy"), features, maxZ, f);
    NpyWriter.float64(dir.resolve("target.npy"), y, n);
    NpyWriter.int8(dir.resolve("split.npy"), part, n);
    if (x != null) {
      NpyWriter.float64(dir.resolve("extra.npy"), x, n);
    }

    GaussianExpansion e = data.expansion();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("target", task.target());
    meta.put("mode", task.mode().name().toLowerCase(Locale.ROOT));
    meta.put("seed", task.seed());
    meta.put("materials", n);
    meta.put("dataset_sha256", data.datasetSha256());
    meta.put("graph_settings", data.graphSettingsKey());
    meta.put(
        "gaussian",
        Map.of(
            "min", e.minAngstrom(),
            "max", e.maxAngstrom(),
            "step", e.stepAngstrom(),
            "width", e.widthAngstrom()));
    meta.put("max_neighbors", m);
    meta.put("categorical", target.categorical());
    meta.put("classes", target.classes());
    if (extra != null) {
      meta.put("extra", extra.name());
      meta.put("extra_categorical", extra.categorical());
      meta.put("extra_classes", extra.classes());
    }
    HyperParameters h = config.hyper();
    Map<String, Object> hyper = new LinkedHashMap<>();
    hyper.put("epochs", h.epochs());
    hyper.put("batch_size", h.batchSize());
    hyper.put("lr", h.learningRate());
    hyper.put("momentum", h.momentum());
    hyper.put("milestone", h.milestone());
    hyper.put("optimizer", h.optimizer().label());
    hyper.put("atom_features", config.shape().atomFeatures());
    hyper.put("hidden_features", config.shape().hiddenFeatures());
    hyper.put("convolutions", config.shape().convolutions());
    meta.put("hyper", hyper);
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(dir.resolve("meta.json").toFile(), meta);
  }
}
