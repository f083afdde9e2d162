package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The layout a training worker states in its poller identity, and what the estimate reads of it.
 */
class TrainingWorkerIdentityTest {
  @Test
  void aWorkersLayoutReadsBackFromItsIdentity() {
    TrainingWorkerIdentity cpu =
        new TrainingWorkerIdentity("4242@node7", 16, OptionalInt.of(1), "cpu");
    assertThat(cpu.format()).isEqualTo("4242@node7 tomo-training slots=16 threads=1 device=cpu");
    assertThat(TrainingWorkerIdentity.parse(cpu.format())).contains(cpu);
    assertThat(cpu.onGpu()).isFalse();

    TrainingWorkerIdentity gpu =
        new TrainingWorkerIdentity("7@gpu node", 8, OptionalInt.empty(), "gpu:0,1");
    assertThat(gpu.format()).isEqualTo("7@gpu node tomo-training slots=8 device=gpu:0,1");
    assertThat(TrainingWorkerIdentity.parse(gpu.format())).contains(gpu);
    assertThat(gpu.onGpu()).isTrue();
  }

  @Test
  void identitiesWithoutALayoutAreNotRead() {
    assertThat(TrainingWorkerIdentity.parse("4242@node7")).isEmpty();
    assertThat(TrainingWorkerIdentity.parse("4242@node7 tomo-training slots=0 device=cpu"))
        .isEmpty();
    assertThat(TrainingWorkerIdentity.parse("x tomo-training slots=2 device=cpu trailing"))
        .isEmpty();
    assertThatThrownBy(() -> new TrainingWorkerIdentity("b", 0, OptionalInt.empty(), "cpu"))
        .hasMessageContaining("slots must be >= 1");
    assertThatThrownBy(() -> new TrainingWorkerIdentity("b", 1, OptionalInt.empty(), "gpu 0"))
        .hasMessageContaining("one word");
  }

  @Test
  void thePollersAddUpTheirSlots() {
    TrainingQueuePollers.Seen seen =
        TrainingQueuePollers.of(
            List.of(
                "1@a tomo-training slots=2 threads=1 device=cpu",
                "2@b tomo-training slots=4 threads=1 device=cpu",
                "3@c"),
            "q");
    assertThat(seen.workers()).isEqualTo(3);
    assertThat(seen.slots()).isEqualTo(7);
    assertThat(seen.slotsPerWorker()).isEqualTo(2);
    assertThat(seen.threadsPerTraining()).hasValue(1);
    assertThat(seen.gpuWorkers()).isZero();
    assertThat(seen.note())
        .isEqualTo(
            "3 training worker(s) polling task queue q (7 trainings at once, 1 intra-op thread(s)"
                + " each)");

    TrainingQueuePollers.Seen mixed =
        TrainingQueuePollers.of(
            List.of(
                "1@a tomo-training slots=2 threads=1 device=cpu",
                "2@b tomo-training slots=8 threads=4 device=gpu:0,1"),
            "q");
    assertThat(mixed.threadsPerTraining()).isEmpty();
    assertThat(mixed.gpuWorkers()).isEqualTo(1);
    assertThat(mixed.slotsPerWorker()).isEqualTo(5);
    assertThat(mixed.note())
        .isEqualTo(
            "2 training worker(s) polling task queue q (10 trainings at once, intra-op threads"
                + " differ, 1 on GPUs)");

    TrainingQueuePollers.Seen none = TrainingQueuePollers.of(List.of(), "q");
    assertThat(none.workers()).isZero();
    assertThat(none.note()).isEqualTo("0 training worker(s) polling task queue q");
  }
}
