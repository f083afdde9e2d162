package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

class SweepWorkflowTest {
  private SweepTestEnvironment t;

  @BeforeEach
  void start() {
    t = new SweepTestEnvironment();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void paperGridTrainsEachSharedBaselineOnceAnd1260TrainingsInAll() {
    SweepSpec spec = SweepTestEnvironment.spec(9, 13, 5, BaselineMode.SHARED);
    assertThat(spec.trainingCount()).isEqualTo(1260);

    t.sweeps.startOrAttach("grid", spec);
    SweepResult result = t.sweeps.await("grid");

    assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(result.done()).isEqualTo(1260);
    assertThat(result.failed()).isZero();
    assertThat(t.training.trainings()).isEqualTo(1260);
    assertThat(t.training.trained.values()).allMatch(n -> n.get() == 1);
    assertThat(t.training.trained.keySet().stream().filter(k -> k.contains("/-/")).count())
        .isEqualTo(9 * 2 * 5);
    assertThat(t.training.orderViolations).isEmpty();
    assertThat(t.reports.get()).isEqualTo(1);
    assertThat(result.maxHistoryLength()).isPositive().isLessThan(10_240);
  }

  @Test
  void aSpecWithoutNullControlTrainsThePermutedBandGapInEveryGroupAndNoneSwitchesItOff() {
    SweepSpec spec =
        SweepTestEnvironment.spec(2, 3, 2, BaselineMode.SHARED).toBuilder()
            .nullControl(null) // as a spec file without the field
            .build()
            .normalized("test");
    assertThat(spec.grid().nullControl()).isEqualTo("band_gap");
    assertThat(spec.grid().cellProperties()).containsExactly("p0", "p1", "p2", "permuted:band_gap");
    assertThat(spec.grid().cellCount()).isEqualTo(2 * 4 * 2 * 2);
    assertThat(spec.trainingCount()).isEqualTo(2 * 2 * 2 + 2 * 4 * 2 * 2);

    t.sweeps.startOrAttach("control", spec);
    SweepResult result = t.sweeps.await("control");

    assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(result.done()).isEqualTo(spec.trainingCount());
    assertThat(t.training.trained.keySet())
        .filteredOn(k -> k.contains("/permuted:band_gap/"))
        .containsExactlyInAnyOrder(
            "t0/permuted:band_gap/structure/0",
            "t0/permuted:band_gap/structure/1",
            "t0/permuted:band_gap/composition/0",
            "t0/permuted:band_gap/composition/1",
            "t1/permuted:band_gap/structure/0",
            "t1/permuted:band_gap/structure/1",
            "t1/permuted:band_gap/composition/0",
            "t1/permuted:band_gap/composition/1");
    assertThat(t.training.orderViolations).isEmpty();

    SweepSpec off = spec.toBuilder().nullControl("none").build().normalized("test");
    assertThat(off.grid().cellProperties()).containsExactly("p0", "p1", "p2");
    assertThat(off.trainingCount()).isEqualTo(2 * 2 * 2 + 2 * 3 * 2 * 2);
  }

  @Test
  void perCellBaselineTrainsTwoModelsPerCell() {
    SweepSpec spec = SweepTestEnvironment.spec(2, 3, 2, BaselineMode.PER_CELL);
    assertThat(spec.trainingCount()).isEqualTo(2 * 2 * 3 * 2 * 2);

    t.sweeps.startOrAttach("per-cell", spec);
    SweepResult result = t.sweeps.await("per-cell");

    assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(result.done()).isEqualTo(spec.trainingCount());
    assertThat(t.training.trainings()).isEqualTo((int) spec.trainingCount());
    assertThat(t.training.trained.keySet()).anyMatch(k -> k.endsWith("#masked=p2"));
  }

  @Test
  void badInputFailsOnlyItsCellsAndRetryCompletesThemWithoutRetrainingTheRest() {
    SweepSpec spec = SweepTestEnvironment.spec(2, 3, 2, BaselineMode.SHARED);
    t.training.badProperties.add("p1");

    t.sweeps.startOrAttach("bad", spec);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> t.sweeps.progress("bad").status() == SweepStatus.WAITING_FOR_RETRY);

    SweepProgress stuck = t.sweeps.progress("bad");
    long badCells = 2 * 2 * 2; // p1 × targets × representations × seeds
    assertThat(stuck.failed()).isEqualTo(badCells);
    assertThat(stuck.done()).isEqualTo(spec.trainingCount() - badCells);
    assertThat(stuck.pending()).isZero();
    assertThat(stuck.meanEpochSeconds()).isPositive(); // measured from the trainings' epochs
    assertThat(stuck.etaSeconds()).isZero(); // nothing left to train until a retry
    assertThat(stuck.failures())
        .allSatisfy(
            f -> {
              assertThat(f.cell().property()).isEqualTo("p1");
              assertThat(f.type()).isEqualTo("BadInput");
              assertThat(f.reason()).contains("row 7").contains("field 'p1'");
            });
    int trainedBefore = t.training.trainings();

    t.training.badProperties.clear(); // the input was fixed
    t.sweeps.retryFailed("bad");
    SweepResult result = t.sweeps.await("bad");

    assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(result.done()).isEqualTo(spec.trainingCount());
    assertThat(result.failed()).isZero();
    assertThat(result.rounds()).isEqualTo(2);
    assertThat(t.training.trainings()).isEqualTo(trainedBefore + badCells);
    assertThat(t.training.trained.values()).allMatch(n -> n.get() == 1);
    assertThat(t.reports.get()).isEqualTo(2);
  }

  @Test
  void retryOneCellRerunsOnlyThatCell() {
    SweepSpec spec = SweepTestEnvironment.spec(1, 2, 2, BaselineMode.SHARED);
    t.training.badProperties.add("p0");
    t.sweeps.startOrAttach("one", spec);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> t.sweeps.progress("one").status() == SweepStatus.WAITING_FOR_RETRY);
    assertThat(t.sweeps.progress("one").failed()).isEqualTo(4);

    t.training.badProperties.clear();
    t.sweeps.retryCell("one", "t0/p0/composition/1");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              SweepProgress p = t.sweeps.progress("one");
              return p.round() == 1 && p.status() == SweepStatus.WAITING_FOR_RETRY;
            });
    SweepProgress after = t.sweeps.progress("one");
    assertThat(after.failed()).isEqualTo(3);
    assertThat(after.failures()).noneMatch(f -> f.cell().label().equals("t0/p0/composition/1"));
    assertThat(t.training.trained).containsKey("t0/p0/composition/1");
    t.sweeps.cancel("one", "enough");
    assertThat(t.sweeps.await("one").status()).isEqualTo(SweepStatus.CANCELLED);
  }

  @Test
  void progressQueryCountsRunningTrainingsAndCancelStopsThem() {
    t.training.pauseMillis = 60_000;
    SweepSpec spec = SweepTestEnvironment.spec(2, 2, 2, BaselineMode.SHARED);
    t.sweeps.startOrAttach("slow", spec);

    await().atMost(Duration.ofSeconds(30)).until(() -> t.sweeps.progress("slow").running() > 0);
    SweepProgress p = t.sweeps.progress("slow");
    assertThat(p.status()).isEqualTo(SweepStatus.RUNNING);
    assertThat(p.total()).isEqualTo(spec.trainingCount());
    assertThat(p.done() + p.running() + p.failed() + p.pending()).isEqualTo(p.total());
    assertThat(p.done()).isZero();

    t.sweeps.cancel("slow", "user asked");
    SweepResult result = t.sweeps.await("slow");
    assertThat(result.status()).isEqualTo(SweepStatus.CANCELLED);
    assertThat(result.done()).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> t.training.running.get() == 0);
  }

  @Test
  void startingAnExistingSweepIdAttachesToIt() {
    t.training.pauseMillis = 300;
    SweepSpec spec = SweepTestEnvironment.spec(1, 2, 1, BaselineMode.SHARED);
    SweepClient.Handle first = t.sweeps.startOrAttach("same", spec);
    SweepClient.Handle second = t.sweeps.startOrAttach("same", spec);
    assertThat(first.attached()).isFalse();
    assertThat(second.runId()).isEqualTo(first.runId());

    t.sweeps.await("same");
    AtomicInteger trained = new AtomicInteger(t.training.trainings());
    SweepClient.Handle third = t.sweeps.startOrAttach("same", spec);
    assertThat(third.attached()).isTrue();
    assertThat(third.runId()).isEqualTo(first.runId());
    assertThat(t.training.trainings()).isEqualTo(trained.get());
  }
}
