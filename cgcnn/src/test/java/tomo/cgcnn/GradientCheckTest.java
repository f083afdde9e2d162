package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import java.nio.DoubleBuffer;
import java.util.Map;
import java.util.stream.IntStream;
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

  @ParameterizedTest(name = "target {0}, extra {1}")
  @CsvSource({"energy,size", "kind,kind"})
  void analyticGradientMatchesFiniteDifferences(String target, String extra) {
    TrainingData data = SyntheticCrystals.data(8, 4, 3, 4.0, new GaussianExpansion(0, 4, 1, 1), 7);
    TrainingConfig config =
        TrainingConfig.paper(target, extra, GraphMode.STRUCTURE, 3, 1)
            .withShape(new NetworkShape(3, 5, 2));
    PreparedData prepared = new PreparedData(data, config);
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
          GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
        collector.backward(loss(prepared, net, batch, step));
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
