package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/**
 * A worker process trains on whichever thread its activity runs on. libtorch's autograd mode is per
 * thread and on by default, so a training on a thread other than the one that loaded the engine
 * must still update its parameters in place without autograd recording it.
 */
class TrainerThreadsTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(96, 5, 6, 6.0, new GaussianExpansion(0, 6, 0.5, 0.5), 3);

  private static TrainingConfig config() {
    return TrainingConfig.paper("energy", null, GraphMode.STRUCTURE, 2, 2).toBuilder()
        .shape(new NetworkShape(8, 16, 2))
        .batchSize(32)
        .threads(1)
        .build();
  }

  @Test
  void trainingsOnFreshThreadsSucceedAndAgree(@TempDir Path tmp) throws Exception {
    TrainingResult here = new Trainer().train(config(), DATA, tmp.resolve("here"), p -> {});
    ExecutorService pool = Executors.newFixedThreadPool(1);
    try {
      for (int i = 0; i < 2; i++) {
        Path dir = tmp.resolve("thread-" + i);
        Future<TrainingResult> other =
            pool.submit(() -> new Trainer().train(config(), DATA, dir, p -> {}));
        assertThat(other.get().metrics().testMetric()).isEqualTo(here.metrics().testMetric());
      }
      // and a thread created after the engine was loaded, used once
      Path dir = tmp.resolve("fresh");
      TrainingResult[] fresh = new TrainingResult[1];
      Thread t = new Thread(() -> fresh[0] = new Trainer().train(config(), DATA, dir, p -> {}));
      t.start();
      t.join();
      assertThat(fresh[0]).isNotNull();
      assertThat(fresh[0].metrics().testMetric()).isEqualTo(here.metrics().testMetric());
    } finally {
      pool.shutdownNow();
    }
  }
}
