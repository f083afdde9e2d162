package tomo.workers.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import tomo.workflows.model.SweepProgress;

/**
 * Renders a sweep's {@link SweepProgress} as a few terminal lines for {@code tomo sweep status
 * --watch}: progress bar and percentage, trainings by state, ETA with the finish time, mean epoch
 * time and the first failures. With {@code ansi}, {@link #frame} starts by clearing the screen so
 * that {@code --watch} redraws in place.
 */
public final class StatusRenderer {
  /** Failures listed at most; the rest are counted. */
  static final int MAX_FAILURES_SHOWN = 5;

  private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
  private static final DateTimeFormatter FINISH =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private final int width;
  private final boolean ansi;

  /**
   * @param width terminal columns (the bar and failure lines fit in them; at least 40 is used)
   * @param ansi whether the terminal understands ANSI escapes (colour, clear screen)
   */
  public StatusRenderer(int width, boolean ansi) {
    this.width = Math.max(40, width);
    this.ansi = ansi;
  }

  /** The progress as text lines ending in a newline; {@code now} fixes the finish time. */
  public String render(SweepProgress s, Instant now) {
    StringBuilder out = new StringBuilder();
    String status = s.status() == null ? "UNKNOWN" : s.status().name();
    out.append("sweep ").append(s.sweepId()).append("  ").append(status).append('\n');

    double percent = progressPercent(s);
    String numbers =
        String.format(
            Locale.ROOT, " %5.1f %%  %,d / %,d", percent, s.done() + s.failed(), s.total());
    int barWidth = Math.max(10, width - numbers.length() - 2);
    int filled = (int) Math.round(barWidth * percent / 100.0);
    // any failure shows as at least one mark, so a glance at the bar tells there are failures
    int failedCells =
        s.failed() == 0
            ? 0
            : Math.max(1, (int) Math.round(barWidth * (double) s.failed() / s.total()));
    failedCells = Math.min(failedCells, filled);
    out.append('[')
        .append(colour("#".repeat(filled - failedCells), "32"))
        .append(colour("!".repeat(failedCells), "31"))
        .append(".".repeat(barWidth - filled))
        .append(']')
        .append(numbers)
        .append('\n');

    out.append(
        String.format(
            Locale.ROOT,
            "done %,d  running %,d  failed %s  pending %,d%n",
            s.done(),
            s.running(),
            s.failed() > 0 ? colour(String.format(Locale.ROOT, "%,d", s.failed()), "31") : "0",
            s.pending()));

    if (s.etaSeconds() == null) {
      out.append("ETA unknown (no epoch measured yet)");
    } else {
      out.append("ETA ")
          .append(duration(s.etaSeconds()))
          .append(" (finishes ~")
          .append(FINISH.format(now.plusMillis(Math.round(s.etaSeconds() * 1000))))
          .append(')');
    }
    if (s.meanEpochSeconds() > 0) {
      out.append(String.format(Locale.ROOT, "  mean epoch %.1f s", s.meanEpochSeconds()));
    }
    out.append('\n');

    List<String> failures =
        s.failures() == null
            ? List.of()
            : s.failures().stream()
                .map(f -> f.cell().label() + " [" + f.type() + "]: " + f.reason())
                .toList();
    if (!failures.isEmpty()) {
      out.append("failures:\n");
      failures.stream()
          .limit(MAX_FAILURES_SHOWN)
          .forEach(f -> out.append("  ").append(truncate(f, width - 2)).append('\n'));
      long more = Math.max(s.failed(), failures.size()) - MAX_FAILURES_SHOWN;
      if (more > 0) {
        out.append(String.format(Locale.ROOT, "  ... and %,d more%n", more));
      }
    }
    return out.toString();
  }

  /** One {@code --watch} frame: clear the screen (ANSI terminals only), then {@link #render}. */
  public String frame(SweepProgress s, Instant now) {
    return (ansi ? CLEAR_SCREEN : "") + render(s, now);
  }

  /** Finished (done or failed) trainings as a percentage of all, 0 for an empty sweep. */
  private static double progressPercent(SweepProgress s) {
    return s.total() == 0 ? 0 : 100.0 * (s.done() + s.failed()) / s.total();
  }

  /** "3d 4h", "2h 05m", "4m 07s", "12s". */
  static String duration(double seconds) {
    Duration d = Duration.ofSeconds(Math.round(seconds));
    if (d.toDays() > 0) {
      return d.toDays() + "d " + d.toHoursPart() + "h";
    }
    if (d.toHours() > 0) {
      return String.format(Locale.ROOT, "%dh %02dm", d.toHours(), d.toMinutesPart());
    }
    if (d.toMinutes() > 0) {
      return String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }
    return d.toSeconds() + "s";
  }

  private String colour(String text, String code) {
    return ansi && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, Math.max(0, max - 3)) + "...";
  }
}
