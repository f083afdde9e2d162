package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;

/**
 * A null control ({@code permuted:band_gap}) reaches the trainer as one more property column,
 * computed over the rows read and before any split, so every seed trains with the same column.
 */
class NullControlTrainingTest {
  private static final String CONTROL = "permuted:band_gap";

  @Test
  void trainsWithThePermutedColumnTheSameForEverySeed(@TempDir Path tmp) throws Exception {
    Dataset dataset =
        DatasetReader.read(
            DatasetLocation.resolve(null), ReadOptions.defaults().withSample(120, 3));
    List<String> columns = List.of("formation_energy_per_atom", "band_gap", CONTROL);
    TrainingData data =
        TrainingDataLoader.load(
            dataset, GraphSettings.composition(), Path.of("target", "graph-cache"), columns);
    double[] gaps = data.column("band_gap").values().clone();
    double[] permuted = data.column(CONTROL).values().clone();
    Arrays.sort(gaps);
    Arrays.sort(permuted);
    assertThat(permuted).containsExactly(gaps);
    assertThat(data.column(CONTROL).values()).isNotEqualTo(data.column("band_gap").values());

    // two seeds (two splits) train on the one column; loading again gives it unchanged
    for (long seed : new long[] {0, 1}) {
      TrainingConfig config =
          TrainingConfig.paper("formation_energy_per_atom", CONTROL, GraphMode.COMPOSITION, seed, 1)
              .toBuilder()
              .batchSize(32)
              .threads(1)
              .build();
      TrainingResult result = new Trainer().train(config, data, tmp.resolve("s" + seed), p -> {});
      assertThat(result.history()).hasSize(1);
    }
    TrainingData again =
        TrainingDataLoader.load(
            dataset, GraphSettings.composition(), Path.of("target", "graph-cache"), columns);
    assertThat(again.column(CONTROL).values()).containsExactly(data.column(CONTROL).values());
  }
}
