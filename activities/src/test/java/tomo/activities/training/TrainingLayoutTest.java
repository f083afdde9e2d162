package tomo.activities.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Trainings laid out on faked machines: cores, GPUs and memory come from the inventory seam. */
class TrainingLayoutTest {
  private static final long GIB = 1L << 30;

  @Test
  void autoOnTheCpuRunsOneSingleThreadedTrainingPerCore() {
    TrainingLayout two =
        TrainingLayout.plan(
            DeviceInventory.of(2, 0, 24 * GIB),
            Concurrency.AUTO,
            OptionalInt.empty(),
            GpuSelection.NONE);
    assertThat(two.concurrency()).isEqualTo(2);
    assertThat(two.threadsPerTraining()).isEqualTo(1);
    assertThat(two.slots()).allMatch(s -> s.gpu().isEmpty());
    assertThat(two.describe()).isEqualTo("2 trainings at once, 1 intra-op thread each, on the CPU");

    // a many-core machine with little memory runs fewer, not more than memory holds
    TrainingLayout small =
        TrainingLayout.plan(
            DeviceInventory.of(64, 0, 16 * GIB),
            Concurrency.AUTO,
            OptionalInt.empty(),
            GpuSelection.NONE);
    assertThat(small.concurrency()).isEqualTo(10);
    assertThat(small.threadsPerTraining()).isEqualTo(6);
  }

  @Test
  void threadsPerTrainingOverridesAndFixedConcurrencySharesTheCores() {
    TrainingLayout auto2 =
        TrainingLayout.plan(
            DeviceInventory.of(16, 0, 64 * GIB),
            Concurrency.AUTO,
            OptionalInt.of(2),
            GpuSelection.NONE);
    assertThat(auto2.concurrency()).isEqualTo(8);
    assertThat(auto2.threadsPerTraining()).isEqualTo(2);

    TrainingLayout fixed =
        TrainingLayout.plan(
            DeviceInventory.of(16, 0, 64 * GIB),
            Concurrency.of(4),
            OptionalInt.empty(),
            GpuSelection.NONE);
    assertThat(fixed.concurrency()).isEqualTo(4);
    assertThat(fixed.threadsPerTraining()).isEqualTo(4);
    // today's layout: one training with every core
    assertThat(
            TrainingLayout.plan(
                    DeviceInventory.of(2, 0, 24 * GIB),
                    Concurrency.of(1),
                    OptionalInt.empty(),
                    GpuSelection.NONE)
                .threadsPerTraining())
        .isEqualTo(2);
  }

  @Test
  void gpuWorkersPinKTrainingsToEachListedDevice() {
    DeviceInventory twoGpus = DeviceInventory.of(16, 2, 128 * GIB);
    TrainingLayout all =
        TrainingLayout.plan(twoGpus, Concurrency.AUTO, OptionalInt.empty(), GpuSelection.ALL);
    assertThat(all.concurrency()).isEqualTo(2 * TrainingLayout.AUTO_PER_GPU);
    assertThat(all.gpus()).containsExactly(0, 1);
    assertThat(all.slots().stream().map(TrainingSlot::device))
        .containsExactly("gpu:0", "gpu:1", "gpu:0", "gpu:1", "gpu:0", "gpu:1", "gpu:0", "gpu:1");
    assertThat(all.threadsPerTraining()).isEqualTo(2);

    TrainingLayout one =
        TrainingLayout.plan(
            twoGpus, Concurrency.of(3), OptionalInt.empty(), GpuSelection.parse("1"));
    assertThat(one.slots()).extracting(TrainingSlot::device).containsOnly("gpu:1").hasSize(3);
    assertThat(one.describe()).isEqualTo("3 trainings at once, 5 intra-op threads each, on GPU 1");

    // auto never runs more GPU trainings than there are host cores to drive them
    TrainingLayout fewCores =
        TrainingLayout.plan(
            DeviceInventory.of(2, 2, 32 * GIB),
            Concurrency.AUTO,
            OptionalInt.empty(),
            GpuSelection.ALL);
    assertThat(fewCores.concurrency()).isEqualTo(2);

    assertThatThrownBy(
            () ->
                TrainingLayout.plan(
                    twoGpus, Concurrency.AUTO, OptionalInt.empty(), GpuSelection.parse("0,2")))
        .hasMessageContaining("--gpus 0,2")
        .hasMessageContaining("2 CUDA device(s)");
    assertThatThrownBy(
            () ->
                TrainingLayout.plan(
                    DeviceInventory.of(4, 0, 8 * GIB),
                    Concurrency.AUTO,
                    OptionalInt.empty(),
                    GpuSelection.ALL))
        .hasMessageContaining("no CUDA device");
  }

  @Test
  void optionValuesAreParsedWithClearErrors() {
    assertThat(Concurrency.parse("auto")).isEqualTo(Concurrency.AUTO);
    assertThat(Concurrency.parse(" 3 ")).isEqualTo(Concurrency.of(3));
    assertThatThrownBy(() -> Concurrency.parse("0")).hasMessageContaining("got '0'");
    assertThatThrownBy(() -> Concurrency.parse("two")).hasMessageContaining("'auto'");
    assertThat(GpuSelection.parse("0, 1").ids()).containsExactly(0, 1);
    assertThat(GpuSelection.parse("ALL")).isEqualTo(GpuSelection.ALL);
    assertThatThrownBy(() -> GpuSelection.parse("0,x")).hasMessageContaining("'0,x'");
    assertThatThrownBy(() -> GpuSelection.parse("1,1")).hasMessageContaining("twice");
  }

  @Test
  void slotsSpreadTrainingsOverDevicesAndWaitWhenAllAreTaken() throws Exception {
    TrainingSlots slots =
        new TrainingSlots(
            TrainingLayout.plan(
                DeviceInventory.of(8, 2, 64 * GIB),
                Concurrency.of(2),
                OptionalInt.empty(),
                GpuSelection.ALL));
    List<TrainingSlot> taken = new ArrayList<>();
    taken.add(slots.acquire());
    taken.add(slots.acquire());
    assertThat(taken).extracting(TrainingSlot::device).containsExactly("gpu:0", "gpu:1");
    taken.add(slots.acquire());
    taken.add(slots.acquire());
    assertThat(taken.stream().map(TrainingSlot::index).distinct()).hasSize(4);

    CompletableFuture<TrainingSlot> fifth = new CompletableFuture<>();
    Thread waiter =
        new Thread(
            () -> {
              try {
                fifth.complete(slots.acquire());
              } catch (InterruptedException e) {
                fifth.completeExceptionally(e);
              }
            });
    waiter.start();
    try {
      // all four are taken: the fifth waits until one is given back
      while (waiter.getState() != Thread.State.WAITING && !fifth.isDone()) {
        Thread.sleep(5);
      }
      assertThat(fifth).isNotDone();
      TrainingSlot back = taken.remove(1);
      slots.release(back);
      assertThat(fifth.get(60, TimeUnit.SECONDS)).isEqualTo(back);
      slots.release(back);
      assertThatThrownBy(() -> slots.release(back)).hasMessageContaining("not taken");
    } finally {
      waiter.interrupt();
      waiter.join();
    }
  }
}
