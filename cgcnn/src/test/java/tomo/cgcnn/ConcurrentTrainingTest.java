package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;

/**
 * Several trainings in one process at once, each on its own thread (what a training worker with K
 * slots does): real CGCNN trainings on a seeded random sample of the shared dataset.
 */
class ConcurrentTrainingTest {
  private static TrainingData data;

  @BeforeAll
  static void load() {
    Dataset dataset =
        DatasetReader.read(
            DatasetLocation.resolve(null), ReadOptions.defaults().withSample(400, 10));
    data =
        TrainingDataLoader.load(
            dataset,
            GraphSettings.composition(),
            Path.of("target", "graph-cache"),
            List.of("formation_energy_per_atom", "band_gap", "density"));
  }

  private static TrainingConfig config(String target, String extra, long seed, int threads) {
    return TrainingConfig.paper(target, extra, GraphMode.COMPOSITION, seed, 2).toBuilder()
        .batchSize(32)
        .threads(threads)
        .build();
  }

  @Test
  void aTrainingBesideOthersIsBitIdenticalToItAlone(@TempDir Path tmp) throws Exception {
    TrainingConfig watched = config("formation_energy_per_atom", "density", 4, 1);
    TrainingResult alone = new Trainer().train(watched, data, tmp.resolve("alone"), p -> {});

    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Callable<TrainingResult>> jobs =
          List.of(
              () -> new Trainer().train(watched, data, tmp.resolve("beside"), p -> {}),
              () ->
                  new Trainer()
                      .train(config("band_gap", null, 5, 1), data, tmp.resolve("b"), p -> {}),
              // a neighbour with another thread count must not change this one's count
              () ->
                  new Trainer()
                      .train(
                          config("formation_energy_per_atom", null, 6, 2),
                          data,
                          tmp.resolve("c"),
                          p -> {}));
      List<Future<TrainingResult>> running = pool.invokeAll(jobs);
      TrainingResult beside = running.get(0).get();
      TrainingResult other = running.get(1).get();
      TrainingResult twoThreads = running.get(2).get();

      assertThat(beside.history())
          .extracting(EpochProgress::trainLoss)
          .containsExactlyElementsOf(
              alone.history().stream().map(EpochProgress::trainLoss).toList());
      assertThat(beside.history())
          .extracting(EpochProgress::valMetric)
          .containsExactlyElementsOf(
              alone.history().stream().map(EpochProgress::valMetric).toList());
      assertThat(beside.metrics().testMetric()).isEqualTo(alone.metrics().testMetric());
      assertThat(beside.metrics().bestEpoch()).isEqualTo(alone.metrics().bestEpoch());
      // it learned (deterministic at one thread, so this cannot flake)
      assertThat(beside.metrics().testMetric()).isLessThan(beside.metrics().referenceTestMetric());
      assertThat(other.metrics().testMetric()).isFinite();
      assertThat(twoThreads.metrics().testMetric()).isFinite();
      // intra-op threads are per training, not whatever the last training set for the process
      assertThat(beside.environment().threads()).isEqualTo(1);
      assertThat(other.environment().threads()).isEqualTo(1);
      assertThat(twoThreads.environment().threads()).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }
}
