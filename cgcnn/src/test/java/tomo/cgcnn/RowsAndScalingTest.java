package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tomo.hyper.Scaling;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/**
 * Which rows a training uses, and where its z-scores come from: a baseline asked to use only rows
 * complete over the grid uses exactly its augmented partner's rows, and the paper's scaling takes
 * every kept row's statistics with ddof 1.
 */
class RowsAndScalingTest {
  // "size" lacks a value for material 3
  private static final TrainingData DATA =
      SyntheticCrystals.data(60, 4, 3, 5.0, new GaussianExpansion(0, 5, 0.5, 0.5), 5);

  private static PreparedData prepared(String extra, List<String> completeOver, Scaling s) {
    TrainingTask task =
        TrainingConfig.paper("energy", extra, GraphMode.STRUCTURE, 4, 1).toBuilder()
            .completeOver(completeOver)
            .build()
            .task();
    return new PreparedData(DATA, task, s);
  }

  @Test
  void aBaselineCompleteOverTheGridTestsOnItsPartnersMaterials() {
    PreparedData perTarget = prepared(null, List.of(), Scaling.TRAIN);
    PreparedData augmented = prepared("size", List.of(), Scaling.TRAIN);
    PreparedData complete = prepared(null, List.of("size"), Scaling.TRAIN);
    // kept per target, the baseline tests on a material its partner never sees
    assertThat(
            Stream.of(perTarget.train, perTarget.validation, perTarget.test)
                .flatMapToInt(IntStream::of))
        .contains(3);
    assertThat(complete.test).containsExactly(augmented.test);
    assertThat(complete.validation).containsExactly(augmented.validation);
    assertThat(complete.train).containsExactly(augmented.train);
    assertThat(complete.droppedIncomplete).isEqualTo(1);
    assertThat(complete.droppedMissingExtra).isZero();
    assertThat(augmented.droppedMissingExtra).isEqualTo(1);
  }

  @Test
  void thePapersScalingIsEveryKeptRowsMeanAndSampleDeviation() {
    PreparedData split = prepared("size", List.of(), Scaling.TRAIN);
    PreparedData all = prepared("size", List.of(), Scaling.DATASET);
    int[] kept = IntStream.range(0, DATA.size()).filter(i -> i != 3).toArray();
    double[] energy =
        Arrays.stream(kept).mapToDouble(i -> DATA.column("energy").values()[i]).toArray();
    double mean = Arrays.stream(energy).average().orElseThrow();
    double ss = Arrays.stream(energy).map(e -> (e - mean) * (e - mean)).sum();
    assertThat(all.targetScaler.mean()).isCloseTo(mean, within(1e-12));
    assertThat(all.targetScaler.std()).isCloseTo(Math.sqrt(ss / (kept.length - 1)), within(1e-12));
    assertThat(all.extraScaler.std()).isGreaterThan(0);
    // tomo's: the training part's population statistics, another number
    assertThat(split.targetScaler.mean()).isNotEqualTo(all.targetScaler.mean());
    assertThat(split.targetScaler)
        .isEqualTo(Standardizer.of(DATA.column("energy").values(), split.train));
    // the split itself does not depend on where the statistics come from
    assertThat(all.test).containsExactly(split.test);
  }
}
