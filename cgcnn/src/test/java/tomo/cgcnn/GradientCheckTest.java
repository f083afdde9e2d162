package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.nio.DoubleBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/**
 * Autograd is trusted only once checked: the gradient of the whole network's loss (embedding,
 * convolutions with batch norm, pooling, extra input, head) against central finite differences in
 * double precision, for every parameter entry of a small network.
 */
class GradientCheckTest {
  private static final double H = 1e-6;

  @ParameterizedTest(name = "target {0}, extra {1}, another training beside it: {2}")
  @CsvSource({"energy,size,false", "kind,kind,false", "energy,size,true", "kind,kind,true"})
  void analyticGradientMatchesFiniteDifferences(String target, String extra, boolean beside)
      throws Exception {
    // a worker with several slots records gradients of several trainings at once
    AtomicBoolean stop = new AtomicBoolean();
    Thread neighbour = beside ? trainUntil(stop) : null;
    try {
      check(target, extra);
      if (neighbour != null) {
        // it trained from before the check began until after it ended (it stops only when told)
        assertThat(neighbour.isAlive()).as("the neighbour training still runs").isTrue();
      }
    } finally {
      stop.set(true);
      if (neighbour != null) {
        neighbour.join();
      }
    }
  }

  private final AtomicInteger neighbourEpochs = new AtomicInteger();
  @TempDir Path tmp;

  /** A float32 training on another thread, one epoch after the other until {@code stop}. */
  private Thread trainUntil(AtomicBoolean stop) throws InterruptedException {
    TrainingData data =
        SyntheticCrystals.data(64, 5, 6, 6.0, new GaussianExpansion(0, 6, 0.5, 0.5), 9);
    TrainingConfig config =
        TrainingConfig.paper("energy", null, GraphMode.STRUCTURE, 1, 10_000).toBuilder()
            .shape(new NetworkShape(8, 16, 2))
            .batchSize(16)
            .threads(1)
            .build();
    Path dir = tmp.resolve("neighbour");
    Thread t =
        new Thread(
            () -> {
              try {
                new Trainer()
                    .train(
                        config,
                        data,
                        dir,
                        p -> {
                          neighbourEpochs.incrementAndGet();
                          if (stop.get()) {
                            throw new CancellationException("gradient check done");
                          }
                        });
              } catch (CancellationException expected) {
                // stopped by the test
              }
            },
            "neighbour-training");
    t.start();
    // the check must overlap the neighbour's steps, not run before the engine warmed up there
    while (neighbourEpochs.get() == 0 && t.isAlive()) {
      Thread.sleep(10);
    }
    assertThat(t.isAlive()).as("the neighbour training runs").isTrue();
    return t;
  }

  private void check(String target, String extra) {
    TrainingData data = SyntheticCrystals.data(8, 4, 3, 4.0, new GaussianExpansion(0, 4, 1, 1), 7);
    TrainingConfig config =
        TrainingConfig.paper(target, extra, GraphMode.STRUCTURE, 3, 1).toBuilder()
            .shape(new NetworkShape(3, 5, 2))
            .build();
    PreparedData prepared = new PreparedData(data, config.task(), config.hyper().scaling());
    Trainer trainer = new Trainer(DataType.FLOAT64);
    int[] rows =
        IntStream.range(0, data.size())
            .filter(i -> !Double.isNaN(extra == null ? 0 : data.column(extra).values()[i]))
            .toArray();
    HostBatch batch = prepared.batch(rows, 0, rows.length);
    ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
    try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
        CgcnnNetwork net = trainer.network(prepared, config, root)) {
      // analytic gradients
      Map<String, NDArray> params = net.parameters();
      try (NDManager step = net.manager().newSubManager();
          GradientRecording recording = new GradientRecording()) {
        recording.backward(loss(prepared, net, batch, step));
      }
      int checked = 0;
      double largest = 0;
      for (Map.Entry<String, NDArray> e : params.entrySet()) {
        NDArray p = e.getValue();
        double[] analytic;
        try (NDArray g = p.getGradient()) {
          analytic = g.toDoubleArray();
        }
        double[] values = p.toDoubleArray();
        // every entry of small tensors, an even spread of the larger ones
        int stride = Math.max(1, values.length / 8);
        for (int i = 0; i < values.length; i += stride) {
          double keep = values[i];
          values[i] = keep + H;
          p.set(DoubleBuffer.wrap(values));
          double up = lossValue(prepared, net, batch);
          values[i] = keep - H;
          p.set(DoubleBuffer.wrap(values));
          double down = lossValue(prepared, net, batch);
          values[i] = keep;
          p.set(DoubleBuffer.wrap(values));
          double numeric = (up - down) / (2 * H);
          largest = Math.max(largest, Math.abs(numeric));
          assertThat(analytic[i])
              .as("d loss / d %s[%d] (finite difference %s)", e.getKey(), i, numeric)
              .isCloseTo(
                  numeric, org.assertj.core.data.Offset.offset(1e-7 + 1e-5 * Math.abs(numeric)));
          checked++;
        }
      }
      assertThat(checked).isGreaterThan(80);
      // the check means something only where the loss actually moves
      assertThat(largest).isGreaterThan(1e-3);
    }
  }

  @org.junit.jupiter.api.Test
  void factoredAndConcatenatedEdgeLinearsAreTheSameFunction() {
    TrainingData data = SyntheticCrystals.data(8, 4, 3, 4.0, new GaussianExpansion(0, 4, 1, 1), 5);
    TrainingConfig config =
        TrainingConfig.paper("energy", null, GraphMode.STRUCTURE, 3, 1).toBuilder()
            .shape(new NetworkShape(4, 6, 3))
            .build();
    PreparedData prepared = new PreparedData(data, config.task(), config.hyper().scaling());
    HostBatch batch = prepared.batch(IntStream.range(0, 8).toArray(), 0, 8);
    try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
        CgcnnNetwork net = new Trainer(DataType.FLOAT64).network(prepared, config, root)) {
      double factored = lossValue(prepared, net, batch);
      net.useEdgeLinear(new ConcatenatedEdgeLinear());
      double concatenated = lossValue(prepared, net, batch);
      assertThat(concatenated).isCloseTo(factored, org.assertj.core.data.Offset.offset(1e-12));
    }
  }

  private static NDArray loss(
      PreparedData prepared, CgcnnNetwork net, HostBatch batch, NDManager step) {
    int m = prepared.data.maxNeighbors();
    NDList in = net.upload(batch, step, m);
    NDArray out = net.forward(in, batch.crystals(), m, true, step);
    return Trainer.loss(prepared, net, out, Trainer.label(prepared, net, batch, step));
  }

  private static double lossValue(PreparedData prepared, CgcnnNetwork net, HostBatch batch) {
    try (NDManager step = net.manager().newSubManager()) {
      return loss(prepared, net, batch, step).getDouble();
    }
  }
}
