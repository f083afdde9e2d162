package tomo.workers.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import tomo.workflows.client.SweepRequestException;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepStatus;

/** Shows a sweep's progress: a bar on a terminal, a line per change otherwise. */
final class ProgressPrinter {
  private ProgressPrinter() {}

  static String line(SweepProgress p) {
    if (p.status() == SweepStatus.FAILED) {
      return p.sweepId() + " [FAILED]: " + p.failure();
    }
    return String.format(
        "%s [%s] round %d: %d/%d done (%d memoized), %d running, %d failed, %d pending%s",
        p.sweepId(),
        p.status(),
        p.round(),
        p.done(),
        p.total(),
        p.memoized(),
        p.running(),
        p.failed(),
        p.pending(),
        p.etaSeconds() == null ? "" : String.format(", ETA %.0f s", p.etaSeconds()));
  }

  static void details(SweepProgress p, PrintStream out) {
    out.println(line(p));
    if (p.status() == SweepStatus.FAILED && p.total() > 0) {
      out.printf(
          "  before it failed: %d/%d done, %d failed, %d pending%n",
          p.done(), p.total(), p.failed(), p.pending());
    }
    if (p.meanEpochSeconds() > 0) {
      out.printf("  mean epoch %.2f s%n", p.meanEpochSeconds());
    }
    for (CellFailure f : p.failures()) {
      out.println("  failed " + f.cell().label() + " [" + f.type() + "]: " + f.reason());
    }
    if (p.reportDir() != null) {
      out.println("  report: " + p.reportDir());
    }
  }

  static boolean settled(SweepProgress p) {
    return p.status() == SweepStatus.WAITING_FOR_RETRY
        || p.status() == SweepStatus.COMPLETED
        || p.status() == SweepStatus.COMPLETED_WITH_FAILURES
        || p.status() == SweepStatus.CANCELLED
        || p.status() == SweepStatus.FAILED;
  }

  /** The exit code of a settled sweep: 2 when it failed or cells failed, 0 otherwise. */
  static int exitCode(SweepProgress p) {
    return p.status() == SweepStatus.FAILED || p.failed() > 0 ? 2 : 0;
  }

  /** Time between polls: often enough to look live, rarely enough not to load the server. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  /**
   * Polls until the sweep settles (every cell ended, or it was cancelled); returns the last. A poll
   * that fails for a while (see {@link #patient}) does not end the watch.
   */
  static SweepProgress watch(Supplier<SweepProgress> poll, PrintStream out)
      throws InterruptedException {
    return watch(
        patient(poll, System.err, PATIENCE, Duration.ofSeconds(5)),
        out,
        terminalBar(),
        POLL_INTERVAL);
  }

  /**
   * How long a watch keeps asking while the sweep's progress cannot be had (server restarting, its
   * orchestration worker busy or restarting): the sweep goes on meanwhile, and a watch of a
   * week-long sweep should not end over a minute of that.
   */
  static final Duration PATIENCE = Duration.ofMinutes(10);

  /**
   * {@code poll} made patient: a failure that may pass soon ({@link
   * SweepRequestException#mayPassSoon()}) is said once on {@code err} and asked again every {@code
   * pause} until it answers or failures have lasted longer than {@code patience}; then, and for any
   * other failure, the poll throws.
   */
  static Supplier<SweepProgress> patient(
      Supplier<SweepProgress> poll, PrintStream err, Duration patience, Duration pause) {
    return () -> {
      long since = 0;
      while (true) {
        try {
          SweepProgress p = poll.get();
          if (since != 0) {
            err.println("tomo: the sweep's progress answers again");
          }
          return p;
        } catch (SweepRequestException e) {
          if (!e.mayPassSoon()) {
            throw e;
          }
          long now = System.nanoTime();
          if (since == 0) {
            since = now;
            err.println(
                "tomo: "
                    + e.getMessage()
                    + "; the sweep is not affected, asking again for up to "
                    + patience.toMinutes()
                    + " min");
          } else if (now - since > patience.toNanos()) {
            throw e;
          }
          try {
            Thread.sleep(pause.toMillis());
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    };
  }

  /** A bar builder when output goes to a terminal; null for a file or pipe (lines instead). */
  static ProgressBarBuilder terminalBar() {
    return System.console() != null ? new ProgressBarBuilder() : null;
  }

  /**
   * {@link #watch(Supplier, PrintStream)} with what it decides itself made explicit, for tests.
   *
   * @param bar a builder for the bar drawn on a terminal; {@code null}: no terminal, a line per
   *     change on {@code out} instead
   * @param interval time between polls
   */
  static SweepProgress watch(
      Supplier<SweepProgress> poll, PrintStream out, ProgressBarBuilder bar, Duration interval)
      throws InterruptedException {
    SweepProgress p = poll.get();
    if (bar != null) {
      try (ProgressBar shown =
          bar.setTaskName(p.sweepId())
              .setInitialMax(p.total())
              .setStyle(ProgressBarStyle.ASCII)
              .build()) {
        while (true) {
          shown.stepTo(p.done() + p.failed());
          shown.setExtraMessage(p.failed() + " failed, " + p.running() + " running");
          if (settled(p)) {
            break; // the bar shows the settled state too
          }
          Thread.sleep(interval.toMillis());
          p = poll.get();
        }
      }
    } else {
      String last = "";
      while (!settled(p)) {
        String now = line(p);
        if (!now.equals(last)) {
          out.println(now);
          last = now;
        }
        Thread.sleep(interval.toMillis());
        p = poll.get();
      }
    }
    return p;
  }
}
