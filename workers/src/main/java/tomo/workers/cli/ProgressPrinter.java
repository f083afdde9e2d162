package tomo.workers.cli;

import java.io.PrintStream;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepStatus;

/** Shows a sweep's progress: a bar on a terminal, a line per change otherwise. */
final class ProgressPrinter {
  private ProgressPrinter() {}

  static String line(SweepProgress p) {
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
        || p.status() == SweepStatus.CANCELLED;
  }

  /** Polls until the sweep settles (every cell ended, or it was cancelled); returns the last. */
  static SweepProgress watch(Supplier<SweepProgress> poll, PrintStream out)
      throws InterruptedException {
    SweepProgress p = poll.get();
    if (System.console() != null) {
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName(p.sweepId())
              .setInitialMax(p.total())
              .setStyle(ProgressBarStyle.ASCII)
              .build()) {
        while (!settled(p)) {
          bar.stepTo(p.done() + p.failed());
          bar.setExtraMessage(p.failed() + " failed, " + p.running() + " running");
          Thread.sleep(1000);
          p = poll.get();
        }
        bar.stepTo(p.done() + p.failed());
      }
    } else {
      String last = "";
      while (!settled(p)) {
        String now = line(p);
        if (!now.equals(last)) {
          out.println(now);
          last = now;
        }
        Thread.sleep(1000);
        p = poll.get();
      }
    }
    return p;
  }
}
