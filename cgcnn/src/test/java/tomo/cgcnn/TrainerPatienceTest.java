package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.Optimizer;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/** Early stopping: where a training with a patience ends, and what it records. */
class TrainerPatienceTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(160, 5, 4, 5.0, new GaussianExpansion(0, 5, 0.5, 0.5), 21);
  private static final int PATIENCE = 2;

  // a large Adam step on little data: the validation metric stalls well before 25 epochs
  private static TrainingConfig config() {
    return TrainingConfig.paper("energy", null, GraphMode.STRUCTURE, 4, 25).toBuilder()
        .shape(new NetworkShape(6, 10, 2))
        .batchSize(16)
        .optimizer(Optimizer.ADAM, 0.03)
        .threads(1)
        .build();
  }

  @Test
  void stopsAfterPatienceEpochsWithoutABetterValidationMetric(@TempDir Path tmp) {
    TrainingResult full = new Trainer().train(config(), DATA, tmp.resolve("full"), p -> {});
    assertThat(full.stoppedEarly()).isFalse();
    assertThat(full.epochsRun()).isEqualTo(25);
    // where the rule must stop, read off the uninterrupted run's validation history
    int expectedStop = stopEpoch(full.history(), PATIENCE);
    assertThat(expectedStop)
        .as("this setup must stall (else the test proves nothing)")
        .isLessThan(25);

    TrainingResult early =
        new Trainer()
            .train(
                config().toBuilder().patience(PATIENCE).build(),
                DATA,
                tmp.resolve("early"),
                p -> {});
    assertThat(early.stoppedEarly()).isTrue();
    assertThat(early.epochsRun()).isEqualTo(expectedStop);
    assertThat(early.history()).hasSize(expectedStop);
    assertThat(early.epochsRun() - early.metrics().bestEpoch()).isEqualTo(PATIENCE);
    // one thread: the epochs it ran are the uninterrupted run's, bit for bit
    assertThat(early.history())
        .extracting(EpochProgress::valMetric)
        .containsExactlyElementsOf(
            full.history().subList(0, expectedStop).stream()
                .map(EpochProgress::valMetric)
                .toList());
    double bestOfPrefix =
        full.history().subList(0, expectedStop).stream()
            .mapToDouble(EpochProgress::valMetric)
            .min()
            .orElseThrow();
    assertThat(early.metrics().bestValMetric()).isEqualTo(bestOfPrefix);

    // a rerun finds the stopped checkpoint and stops again at once; a larger patience continues
    TrainingResult again =
        new Trainer()
            .train(
                config().toBuilder().patience(PATIENCE).build(),
                DATA,
                tmp.resolve("early"),
                p -> {});
    assertThat(again.stoppedEarly()).isTrue();
    assertThat(again.epochsRun()).isEqualTo(expectedStop);
    assertThat(again.resumedFromEpoch()).isEqualTo(expectedStop);
    assertThat(again.metrics().testMetric()).isEqualTo(early.metrics().testMetric());
    TrainingResult longer =
        new Trainer()
            .train(config().toBuilder().patience(100).build(), DATA, tmp.resolve("early"), p -> {});
    assertThat(longer.stoppedEarly()).isFalse();
    assertThat(longer.epochsRun()).isEqualTo(25);
    assertThat(longer.metrics().testMetric()).isEqualTo(full.metrics().testMetric());
  }

  @Test
  void patienceBelowOneIsRefused() {
    assertThatThrownBy(() -> config().toBuilder().patience(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("patience");
  }

  /** The first epoch count after which {@code patience} epochs brought no better metric. */
  private static int stopEpoch(List<EpochProgress> history, int patience) {
    double best = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    for (EpochProgress p : history) {
      if (p.epoch() - bestEpoch >= patience + 1) {
        return p.epoch() - 1;
      }
      if (p.valMetric() < best || bestEpoch == 0) {
        best = p.valMetric();
        bestEpoch = p.epoch();
      }
    }
    return history.size(); // ran every epoch
  }
}
