package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.Optimizer;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/** Memory discipline, the masked baseline and the NumPy export. */
class NetworkBehaviourTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(120, 5, 4, 5.0, new GaussianExpansion(0, 5, 0.5, 0.5), 3);

  private static TrainingConfig config(String target, String extra) {
    return TrainingConfig.paper(target, extra, GraphMode.STRUCTURE, 9, 3).toBuilder()
        .shape(new NetworkShape(6, 10, 2))
        .batchSize(16)
        .threads(1)
        .build();
  }

  @Test
  void trainingStepsLeaveNoTensorsBehind() {
    TrainingConfig config = config("energy", "size");
    PreparedData prepared = new PreparedData(DATA, config.task(), config.hyper().scaling());
    Trainer trainer = new Trainer(DataType.FLOAT32);
    try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
        CgcnnNetwork net = trainer.network(prepared, config, root)) {
      ParameterOptimizer optimizer = new ParameterOptimizer(Optimizer.ADAM, 0.9, net.parameters());
      HostBatch batch = prepared.batch(prepared.train, 0, 16);
      trainer.step(prepared, net, optimizer, batch, 0.01);
      int after1 = net.manager().getManagedArrays().size();
      for (int i = 0; i < 5; i++) {
        trainer.step(prepared, net, optimizer, batch, 0.01);
        trainer.evaluate(prepared, net, java.util.List.of(batch));
      }
      assertThat(net.manager().getManagedArrays()).hasSize(after1);
    }
  }

  @Test
  void maskedExtraInputIgnoresTheExtraValues(@TempDir Path tmp) {
    Map<String, PropertyColumn> scrambled = new HashMap<>(DATA.properties());
    double[] noise = IntStream.range(0, DATA.size()).mapToDouble(i -> (i * 7919) % 13).toArray();
    scrambled.put("size", PropertyColumn.numeric("size", noise));
    TrainingData other =
        new TrainingData(
            DATA.datasetSha256(),
            DATA.graphSettingsKey(),
            DATA.graphs(),
            DATA.featurizer(),
            DATA.expansion(),
            scrambled);
    // "size" is missing for one material in DATA; "energy" as extra is complete in both
    TrainingConfig masked = config("kind", "energy").toBuilder().extraMasked(true).build();
    TrainingConfig maskedSize = config("kind", "size").toBuilder().extraMasked(true).build();
    TrainingResult a = new Trainer().train(masked, DATA, tmp.resolve("a"), p -> {});
    TrainingResult b = new Trainer().train(masked, other, tmp.resolve("b"), p -> {});
    assertThat(b.history())
        .extracting(EpochProgress::valMetric)
        .containsExactlyElementsOf(a.history().stream().map(EpochProgress::valMetric).toList());
    assertThat(b.metrics().testMetric()).isEqualTo(a.metrics().testMetric());
    assertThat(b.history().get(2).trainLoss()).isEqualTo(a.history().get(2).trainLoss());
    // with the extra values fed, scrambling them changes the training
    TrainingResult c =
        new Trainer()
            .train(
                maskedSize.toBuilder().extraMasked(false).build(), DATA, tmp.resolve("c"), p -> {});
    TrainingResult d =
        new Trainer()
            .train(
                maskedSize.toBuilder().extraMasked(false).build(),
                other,
                tmp.resolve("d"),
                p -> {});
    assertThat(d.history().get(0).trainLoss()).isNotEqualTo(c.history().get(0).trainLoss());
  }

  @Test
  void exportWritesNumpyFilesOfTheTrainersSplit(@TempDir Path tmp) throws IOException {
    TrainingConfig config = config("energy", null);
    GraphExport.write(config, DATA, tmp);
    int atoms = DATA.graphs().stream().mapToInt(g -> g.nodeCount()).sum();
    ByteBuffer z = npy(tmp.resolve("node_z.npy"), "'descr': '<i4'", "(" + atoms + ",)");
    assertThat(z.getInt(0)).isEqualTo(DATA.graphs().get(0).atomicNumbers()[0]);
    ByteBuffer nbr = npy(tmp.resolve("nbr_idx.npy"), "'<i4'", "(" + atoms + ", 4)");
    int second = DATA.graphs().get(0).nodeCount(); // first atom row of crystal 1
    assertThat(nbr.getInt(second * 4 * 4))
        .isEqualTo(second + DATA.graphs().get(1).neighborIndices()[0]);
    ByteBuffer split = npy(tmp.resolve("split.npy"), "'|i1'", "(120,)");
    byte[] expected = DataSplit.fromSeed(120, 9).part();
    for (int i = 0; i < 120; i++) {
      assertThat(split.get(i)).isEqualTo(expected[i]);
    }
    ByteBuffer y = npy(tmp.resolve("target.npy"), "'<f8'", "(120,)");
    assertThat(y.getDouble(8 * 5)).isEqualTo(DATA.column("energy").values()[5]);
    npy(tmp.resolve("crystal_offsets.npy"), "'<i8'", "(121,)");
    npy(tmp.resolve("node_features.npy"), "'<f4'", "(8, 8)");
    assertThat(Files.readString(tmp.resolve("meta.json"))).contains("\"max_neighbors\" : 4");
  }

  /** Checks the header of a .npy file and returns its data, little-endian. */
  private static ByteBuffer npy(Path file, String descr, String shape) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes[0] & 0xff).isEqualTo(0x93);
    assertThat(new String(bytes, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
    int headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
    assertThat((10 + headerLength) % 64).isZero();
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertThat(header).contains(descr).contains("'shape': " + shape).endsWith("\n");
    return ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength)
        .slice()
        .order(ByteOrder.LITTLE_ENDIAN);
  }
}
