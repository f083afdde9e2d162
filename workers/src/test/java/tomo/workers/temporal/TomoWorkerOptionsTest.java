package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tomo.activities.training.SyntheticTrainer;

class TomoWorkerOptionsTest {
  @Test
  void runsOnlyTheQueuesItIsGiven() {
    TomoWorkerOptions orchestration =
        TomoWorkerOptions.builder().orchestration(Set.of("band_gap")).build();
    assertThat(orchestration.orchestration()).isPresent();
    assertThat(orchestration.training()).isEmpty();
    assertThat(orchestration.disableSticky()).isFalse();
    assertThat(orchestration.orchestration().get().renderHeatmaps()).isTrue();
    assertThat(orchestration.orchestration().get().defaultDataset()).isEmpty();

    SyntheticTrainer trainer = new SyntheticTrainer(Duration.ZERO);
    TomoWorkerOptions training =
        TomoWorkerOptions.builder().training(trainer, 3).disableSticky(true).build();
    assertThat(training.orchestration()).isEmpty();
    assertThat(training.training()).contains(new TomoWorkerOptions.Training(trainer, 3));
    assertThat(training.disableSticky()).isTrue();
  }

  @Test
  void keepsTheOrchestrationSettings() {
    TomoWorkerOptions options =
        TomoWorkerOptions.builder()
            .orchestration(Set.of("band_gap", "volume"))
            .defaultDataset(Path.of("data.csv"))
            .renderHeatmaps(false)
            .build();
    TomoWorkerOptions.Orchestration o = options.orchestration().orElseThrow();
    assertThat(o.knownProperties()).containsExactlyInAnyOrder("band_gap", "volume");
    assertThat(o.defaultDataset()).contains(Path.of("data.csv"));
    assertThat(o.renderHeatmaps()).isFalse();
  }

  @Test
  void refusesATrainingQueueWithoutSlots() {
    assertThatThrownBy(
            () ->
                TomoWorkerOptions.builder()
                    .training(new SyntheticTrainer(Duration.ZERO), 0)
                    .build())
        .hasMessageContaining("concurrentTrainings must be >= 1");
  }
}
