package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tomo.activities.airflow.AirflowApiVersion;
import tomo.activities.airflow.AirflowConfig;
import tomo.activities.airflow.AirflowCredentials;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainingLayout;

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
    assertThat(orchestration.orchestration().get().airflow()).isEmpty();

    SyntheticTrainer trainer = new SyntheticTrainer(Duration.ZERO);
    TomoWorkerOptions training =
        TomoWorkerOptions.builder().training(trainer, 3).disableSticky(true).build();
    assertThat(training.orchestration()).isEmpty();
    assertThat(training.training())
        .contains(new TomoWorkerOptions.Training(trainer, 3, OptionalInt.empty(), "cpu"));
    assertThat(training.disableSticky()).isTrue();
  }

  @Test
  void takesSlotsThreadsAndDevicesFromALayout() {
    SyntheticTrainer trainer = new SyntheticTrainer(Duration.ZERO);
    TrainingLayout cpu =
        TrainingLayout.plan(
            DeviceInventory.of(8, 0, 64L << 30),
            Concurrency.parse("4"),
            OptionalInt.empty(),
            GpuSelection.NONE);
    assertThat(TomoWorkerOptions.builder().training(trainer, cpu).build().training())
        .contains(new TomoWorkerOptions.Training(trainer, 4, OptionalInt.of(2), "cpu"));
    TrainingLayout gpus =
        TrainingLayout.plan(
            DeviceInventory.of(16, 2, 64L << 30),
            Concurrency.parse("2"),
            OptionalInt.empty(),
            GpuSelection.parse("all"));
    assertThat(TomoWorkerOptions.builder().training(trainer, gpus).build().training())
        .contains(new TomoWorkerOptions.Training(trainer, 4, OptionalInt.of(4), "gpu:0,1"));
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
  void carriesTheAirflowOfSweepHooksToTheOrchestrationWorker() {
    AirflowConfig airflow =
        new AirflowConfig(
            URI.create("http://airflow.internal:8080"),
            AirflowApiVersion.V2,
            new AirflowCredentials("tomo", "secret"),
            Duration.ofSeconds(30));
    TomoWorkerOptions.Orchestration with =
        TomoWorkerOptions.builder()
            .orchestration(Set.of("band_gap"))
            .airflow(airflow)
            .build()
            .orchestration()
            .orElseThrow();
    assertThat(with.airflow()).contains(airflow);
    assertThat(TomoWorkers.airflowHooks(with)).isPresent();

    // without one the worker registers no hook activity, whatever the environment holds
    TomoWorkerOptions.Orchestration without =
        TomoWorkerOptions.builder().orchestration(Set.of("band_gap")).build().orchestration().get();
    assertThat(without.airflow()).isEmpty();
    assertThat(TomoWorkers.airflowHooks(without)).isEmpty();
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
