package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.junit.jupiter.api.Test;
import tomo.workflows.client.SweepRequestException;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepStatus;

/** What {@code sweep status --watch} and {@code sweep start --wait} show while a sweep runs. */
class ProgressPrinterTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void withoutATerminalPrintsALinePerChangeUntilEveryCellEnded() throws Exception {
    Script sweep =
        new Script(
            progress(SweepStatus.PREPARING, 0, 0, 0, 4),
            progress(SweepStatus.RUNNING, 0, 2, 0, 2),
            progress(SweepStatus.RUNNING, 0, 2, 0, 2), // nothing changed: no new line
            progress(SweepStatus.RUNNING, 2, 2, 0, 0),
            progress(SweepStatus.COMPLETED, 4, 0, 0, 0));

    SweepProgress last = ProgressPrinter.watch(sweep, out, null, Duration.ZERO);

    assertThat(last.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(last.done()).isEqualTo(4);
    assertThat(sweep.polls).as("no poll after the sweep settled").isEqualTo(5);
    assertThat(printedLines())
        .containsExactly(
            "s [PREPARING] round 1: 0/4 done (0 memoized), 0 running, 0 failed, 4 pending",
            "s [RUNNING] round 1: 0/4 done (0 memoized), 2 running, 0 failed, 2 pending",
            "s [RUNNING] round 1: 2/4 done (0 memoized), 2 running, 0 failed, 0 pending");
  }

  @Test
  void failedCellsEndTheWatchAndTheirReasonsAreShown() throws Exception {
    // with failed cells the sweep waits for a retry: that is the end of watching, not more polling
    Script sweep =
        new Script(
            progress(SweepStatus.RUNNING, 1, 2, 0, 1),
            progress(SweepStatus.WAITING_FOR_RETRY, 3, 0, 1, 0));

    SweepProgress last = ProgressPrinter.watch(sweep, out, null, Duration.ZERO);
    ProgressPrinter.details(last, out);

    assertThat(last.failed()).isEqualTo(1);
    assertThat(sweep.polls).isEqualTo(2);
    assertThat(printedLines())
        .containsExactly(
            "s [RUNNING] round 1: 1/4 done (0 memoized), 2 running, 0 failed, 1 pending",
            "s [WAITING_FOR_RETRY] round 1: 3/4 done (0 memoized), 0 running, 1 failed, 0 pending",
            "  failed band_gap/density/structure/0 [BadInput]: field 'density': not a number");
  }

  @Test
  void aSweepThatAlreadyEndedReturnsAtOnce() throws Exception {
    Script sweep = new Script(progress(SweepStatus.CANCELLED, 1, 0, 0, 3));

    SweepProgress last = ProgressPrinter.watch(sweep, out, null, Duration.ZERO);

    assertThat(last.status()).isEqualTo(SweepStatus.CANCELLED);
    assertThat(sweep.polls).isEqualTo(1);
    assertThat(bytes.size()).isZero();
  }

  @Test
  void onATerminalDrawsABarThatEndsWithEveryCellCounted() throws Exception {
    Script sweep =
        new Script(
            progress(SweepStatus.RUNNING, 0, 2, 0, 2),
            progress(SweepStatus.RUNNING, 2, 1, 0, 1),
            progress(SweepStatus.WAITING_FOR_RETRY, 3, 0, 1, 0));
    List<String> frames = Collections.synchronizedList(new ArrayList<>());
    ProgressBarBuilder bar =
        new ProgressBarBuilder().setConsumer(new DelegatingProgressBarConsumer(frames::add, 120));

    SweepProgress last = ProgressPrinter.watch(sweep, out, bar, Duration.ZERO);

    assertThat(last.status()).isEqualTo(SweepStatus.WAITING_FOR_RETRY);
    assertThat(bytes.size()).as("the bar replaces the lines").isZero();
    // a failed cell has ended too: the bar is full
    assertThat(frames).isNotEmpty();
    assertThat(frames.get(frames.size() - 1))
        .contains("s ")
        .contains("100%")
        .contains("4/4")
        .contains("1 failed, 0 running");
  }

  @Test
  void aProgressQueryThatFailsForAWhileDoesNotEndTheWatch() throws Exception {
    // e.g. the orchestration worker is restarting: the sweep goes on, so the watch does too
    Script sweep =
        new Script(
            progress(SweepStatus.RUNNING, 0, 2, 0, 2), progress(SweepStatus.COMPLETED, 4, 0, 0, 0));
    int[] calls = {0};
    Supplier<SweepProgress> flaky =
        () -> {
          calls[0]++;
          if (calls[0] == 2 || calls[0] == 3) {
            throw new SweepRequestException("the worker did not answer", false, true, null);
          }
          return sweep.get();
        };
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    SweepProgress last =
        ProgressPrinter.watch(
            ProgressPrinter.patient(flaky, err, Duration.ofMinutes(1), Duration.ZERO),
            out,
            null,
            Duration.ZERO);

    assertThat(last.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(calls[0]).isEqualTo(4);
    assertThat(errBytes.toString(StandardCharsets.UTF_8).lines())
        .as("said once per stretch of failures, and when it answers again")
        .containsExactly(
            "tomo: the worker did not answer; the sweep is not affected, asking again for up to 1"
                + " min",
            "tomo: the sweep's progress answers again");
  }

  @Test
  void failuresThatOutlastThePatienceEndTheWatchWithTheirMessage() {
    int[] calls = {0};
    Supplier<SweepProgress> down =
        () -> {
          calls[0]++;
          throw new SweepRequestException("cannot reach the Temporal server", false, true, null);
        };

    assertThatThrownBy(
            () ->
                ProgressPrinter.watch(
                    ProgressPrinter.patient(down, out, Duration.ofMillis(50), Duration.ofMillis(5)),
                    out,
                    null,
                    Duration.ZERO))
        .isInstanceOf(SweepRequestException.class)
        .hasMessage("cannot reach the Temporal server");
    assertThat(calls[0]).as("asked again while patient").isGreaterThan(1);
  }

  @Test
  void aFailureThatCannotPassEndsTheWatchAtOnce() {
    int[] calls = {0};
    Supplier<SweepProgress> gone =
        () -> {
          calls[0]++;
          throw new SweepRequestException("no sweep 'x'", false, false, null);
        };

    assertThatThrownBy(
            () ->
                ProgressPrinter.watch(
                    ProgressPrinter.patient(gone, out, Duration.ofMinutes(1), Duration.ZERO),
                    out,
                    null,
                    Duration.ZERO))
        .hasMessage("no sweep 'x'");
    assertThat(calls[0]).isEqualTo(1);
    assertThat(bytes.size()).isZero();
  }

  private List<String> printedLines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private static SweepProgress progress(
      SweepStatus status, long done, long running, long failed, long pending) {
    List<CellFailure> failures =
        failed == 0
            ? List.of()
            : List.of(
                new CellFailure(
                    new CellKey("band_gap", "density", Representation.STRUCTURE, 0),
                    "field 'density': not a number",
                    "BadInput"));
    return new SweepProgress(
        "s", status, 1, 4, done, 0, running, failed, pending, null, 0, failures, null, null);
  }

  /** A sweep that goes through the given states, one per poll; polling past the last fails. */
  private static final class Script implements Supplier<SweepProgress> {
    private final List<SweepProgress> states;
    int polls;

    Script(SweepProgress... states) {
      this.states = List.of(states);
    }

    @Override
    public SweepProgress get() {
      assertThat(polls).as("polled after the last state").isLessThan(states.size());
      return states.get(polls++);
    }
  }
}
