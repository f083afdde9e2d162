package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;
import tomo.materials.io.Sha256;

/**
 * A checkpoint written by the network and trainer of the version before the network was built from
 * layers (commit 55055e4, two epochs of {@link #config}): the same seeds still draw the same
 * initial weights, the checkpoint still loads in its tensor order, its weights still predict the
 * same numbers, and a training resumed from it still runs the same epochs, bit for bit (one
 * thread).
 *
 * <p>{@link #writeFixture} wrote the fixture and the numbers (run with {@code
 * -Dtomo.writeLayersFixture=DIR}); it is kept to show how they were made, not to be rerun.
 */
class CheckpointBeforeLayersTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(48, 4, 3, 4.0, new GaussianExpansion(0, 4, 1, 1), 31);
  private static final String CHECKPOINT = "checkpoint-before-layers/epoch-00002/";
  private static final List<String> FILES = List.of("state.json", "tensors.ndlist", "best.ndlist");
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What the version before the layers computed.
   *
   * @param initialWeightsSha256 per case of {@link #initCases}: the hash of the seeded network's
   *     initial weights, names and shapes, in {@code weights()} order
   * @param predictions the checkpoint's network on the test rows (inference mode), in row order
   * @param checkpointTestMetric test MAE of the checkpoint's network
   * @param resumedTrainLoss training loss of each epoch run after resuming (epochs 3 to 5)
   * @param resumedValMetric validation MAE of each of those epochs
   * @param bestEpoch the resumed training's best epoch
   * @param bestValMetric its validation MAE
   * @param testMetric its test MAE
   * @param resumedTensorsSha256 hash of the last checkpoint's {@code tensors.ndlist}
   * @param resumedBestSha256 hash of its {@code best.ndlist}
   */
  record Expected(
      Map<String, String> initialWeightsSha256,
      List<Float> predictions,
      double checkpointTestMetric,
      List<Double> resumedTrainLoss,
      List<Double> resumedValMetric,
      int bestEpoch,
      double bestValMetric,
      double testMetric,
      String resumedTensorsSha256,
      String resumedBestSha256) {}

  private static TrainingConfig config(int epochs) {
    return TrainingConfig.paper("energy", "size", GraphMode.STRUCTURE, 7, epochs).toBuilder()
        .shape(new NetworkShape(3, 4, 2))
        .batchSize(8)
        .milestone(3)
        .optimizer(Optimizer.ADAM, 0.01)
        .threads(1)
        .build();
  }

  /** Networks whose initial draws differ: tight and independent, numeric and categorical. */
  private static Map<String, TrainingConfig> initCases() {
    Map<String, TrainingConfig> cases = new LinkedHashMap<>();
    cases.put("energy+size tight", config(1));
    cases.put("energy+size independent", config(1).toBuilder().init(InitMode.INDEPENDENT).build());
    cases.put(
        "energy+kind independent",
        TrainingConfig.paper("energy", "kind", GraphMode.STRUCTURE, 7, 1).toBuilder()
            .shape(new NetworkShape(3, 4, 2))
            .init(InitMode.INDEPENDENT)
            .build());
    cases.put(
        "kind",
        TrainingConfig.paper("kind", null, GraphMode.STRUCTURE, 7, 1).toBuilder()
            .shape(new NetworkShape(3, 4, 1))
            .build());
    return cases;
  }

  @Test
  void seededNetworksDrawTheSameInitialWeights() {
    assertThat(initialWeights()).isEqualTo(expected().initialWeightsSha256());
  }

  @Test
  void theCheckpointLoadsAndPredictsTheSameNumbers(@TempDir Path tmp) {
    Path dir = copyFixture(tmp);
    Expected expected = expected();
    // within float rounding, not bit for bit: libtorch's kernels may differ by CPU (a CI machine
    // is not the one that wrote the fixture); the layers' names, order and shapes load exactly
    List<Float> predictions = predictions(dir.resolve("epoch-00002"));
    assertThat(predictions).hasSameSizeAs(expected.predictions());
    for (int i = 0; i < predictions.size(); i++) {
      assertThat(predictions.get(i))
          .isCloseTo(
              expected.predictions().get(i), within(1e-5f + 1e-5f * Math.abs(predictions.get(i))));
    }
    assertThat(checkpointTestMetric(dir.resolve("epoch-00002")))
        .isCloseTo(expected.checkpointTestMetric(), withinPercentage(1e-3));
  }

  @Test
  void aTrainingResumedFromTheCheckpointRunsTheSameEpochs(@TempDir Path tmp) {
    Path dir = copyFixture(tmp);
    Expected expected = expected();
    TrainingResult r = new Trainer().train(config(5), DATA, dir, p -> {});
    assertThat(r.resumedFromEpoch()).isEqualTo(2);
    List<EpochProgress> resumed = r.history().subList(2, 5);
    // within float rounding (see above); on the machine that wrote the fixture they are equal
    // to the bit, and TrainerResumeTest checks bit-identical resumes on any one machine
    for (int i = 0; i < resumed.size(); i++) {
      assertThat(resumed.get(i).trainLoss())
          .isCloseTo(expected.resumedTrainLoss().get(i), withinPercentage(1e-3));
      assertThat(resumed.get(i).valMetric())
          .isCloseTo(expected.resumedValMetric().get(i), withinPercentage(1e-3));
    }
    assertThat(r.metrics().bestEpoch()).isEqualTo(expected.bestEpoch());
    assertThat(r.metrics().bestValMetric())
        .isCloseTo(expected.bestValMetric(), withinPercentage(1e-3));
    assertThat(r.metrics().testMetric()).isCloseTo(expected.testMetric(), withinPercentage(1e-3));
  }

  /** Writes the checkpoint and the numbers into {@code DIR} (the test resources' tomo/cgcnn). */
  @Test
  @EnabledIfSystemProperty(named = "tomo.writeLayersFixture", matches = ".+")
  void writeFixture(@TempDir Path tmp) throws IOException {
    Path out = Path.of(System.getProperty("tomo.writeLayersFixture"));
    Path checkpoints = out.resolve("checkpoint-before-layers");
    new Trainer().train(config(2), DATA, checkpoints, p -> {});
    Path checkpoint = checkpoints.resolve("epoch-00002");
    List<Float> predictions = predictions(checkpoint);
    double checkpointMetric = checkpointTestMetric(checkpoint);

    Path resumedDir = tmp.resolve("resumed");
    Files.createDirectories(resumedDir.resolve("epoch-00002"));
    for (String f : FILES) {
      Files.copy(checkpoint.resolve(f), resumedDir.resolve("epoch-00002").resolve(f));
    }
    TrainingResult r = new Trainer().train(config(5), DATA, resumedDir, p -> {});
    List<EpochProgress> resumed = r.history().subList(2, 5);
    Expected expected =
        new Expected(
            initialWeights(),
            predictions,
            checkpointMetric,
            resumed.stream().map(EpochProgress::trainLoss).toList(),
            resumed.stream().map(EpochProgress::valMetric).toList(),
            r.metrics().bestEpoch(),
            r.metrics().bestValMetric(),
            r.metrics().testMetric(),
            sha256(resumedDir.resolve("epoch-00005/tensors.ndlist")),
            sha256(resumedDir.resolve("epoch-00005/best.ndlist")));
    JSON.writeValue(out.resolve("checkpoint-before-layers-expected.json").toFile(), expected);
  }

  private static Map<String, String> initialWeights() {
    Map<String, String> hashes = new LinkedHashMap<>();
    try (NDManager root = Engine.getEngine("PyTorch").newBaseManager()) {
      for (Map.Entry<String, TrainingConfig> c : initCases().entrySet()) {
        PreparedData prepared =
            new PreparedData(DATA, c.getValue().task(), c.getValue().hyper().scaling());
        try (CgcnnNetwork net = new Trainer().network(prepared, c.getValue(), root)) {
          hashes.put(c.getKey(), sha256(net.weights()));
        }
      }
    }
    return hashes;
  }

  /** The network of the checkpoint's tensors (in the order its state names them). */
  private static <T> T withCheckpoint(Path checkpoint, Use<T> use) {
    // as the trainer does on its thread: no autograd outside a step, one intra-op thread
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setGradMode(false);
    JniUtils.getNumThreads();
    JniUtils.setNumThreads(1);
    TrainingConfig config = config(2);
    PreparedData prepared = new PreparedData(DATA, config.task(), config.hyper().scaling());
    Trainer trainer = new Trainer();
    CheckpointStore store = new CheckpointStore(checkpoint.getParent());
    try (NDManager root = engine.newBaseManager();
        CgcnnNetwork net = trainer.network(prepared, config, root)) {
      ParameterOptimizer optimizer =
          new ParameterOptimizer(
              config.hyper().optimizer(), config.hyper().momentum(), net.parameters());
      Map<String, NDArray> tensors = new LinkedHashMap<>(net.weights());
      tensors.putAll(optimizer.state());
      try (NDManager tmp = root.newSubManager()) {
        store.readTensors(checkpoint, store.readState(checkpoint), tensors, tmp);
      }
      return use.apply(prepared, trainer, net);
    }
  }

  private interface Use<T> {
    T apply(PreparedData prepared, Trainer trainer, CgcnnNetwork net);
  }

  private static List<Float> predictions(Path checkpoint) {
    return withCheckpoint(
        checkpoint,
        (prepared, trainer, net) -> {
          List<Float> out = new ArrayList<>();
          for (HostBatch batch : testBatches(prepared)) {
            try (NDManager step = net.manager().newSubManager()) {
              int m = DATA.maxNeighbors();
              NDList in = net.upload(batch, step, m);
              for (float v : net.forward(in, batch.crystals(), m, false, step).toFloatArray()) {
                out.add(v);
              }
            }
          }
          return out;
        });
  }

  private static double checkpointTestMetric(Path checkpoint) {
    return withCheckpoint(
        checkpoint,
        (prepared, trainer, net) -> trainer.evaluate(prepared, net, testBatches(prepared)));
  }

  private static List<HostBatch> testBatches(PreparedData prepared) {
    List<HostBatch> batches = new ArrayList<>();
    int[] rows = prepared.test;
    for (int from = 0; from < rows.length; from += 8) {
      batches.add(prepared.batch(rows, from, Math.min(rows.length, from + 8)));
    }
    return batches;
  }

  private static String sha256(Map<String, NDArray> weights) {
    MessageDigest digest = Sha256.newDigest();
    weights.forEach(
        (name, t) -> {
          digest.update((name + " " + t.getDataType() + " " + t.getShape() + "\n").getBytes());
          ByteBuffer bytes = t.toByteBuffer();
          digest.update(bytes);
        });
    return Sha256.hex(digest);
  }

  private static String sha256(Path file) {
    try {
      return Sha256.hex(Sha256.of(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Expected expected() {
    try (InputStream in =
        CheckpointBeforeLayersTest.class.getResourceAsStream(
            "checkpoint-before-layers-expected.json")) {
      return JSON.readValue(in, Expected.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path copyFixture(Path tmp) {
    Path dir = tmp.resolve("checkpoints");
    try {
      Files.createDirectories(dir.resolve("epoch-00002"));
      for (String f : FILES) {
        try (InputStream in =
            CheckpointBeforeLayersTest.class.getResourceAsStream(CHECKPOINT + f)) {
          if (in == null) {
            throw new IllegalStateException("test resource " + CHECKPOINT + f + " is missing");
          }
          Files.copy(
              in, dir.resolve("epoch-00002").resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }
}
