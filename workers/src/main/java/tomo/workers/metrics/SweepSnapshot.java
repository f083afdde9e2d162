package tomo.workers.metrics;

import java.util.List;
import tomo.workflows.model.SweepProgress;

/**
 * The numbers of one sweep at one moment, as {@code tomo sweep status} shows them and the Sweep
 * overview dashboard draws them. Counts are trainings.
 *
 * @param status e.g. RUNNING, COMPLETED
 * @param etaSeconds estimated seconds to finish, {@code null} before any epoch was measured
 * @param meanEpochSeconds mean wall time of one epoch, 0 before any
 * @param failures one line per failed training (cell and reason), possibly truncated
 */
public record SweepSnapshot(
    String sweepId,
    String status,
    long total,
    long done,
    long running,
    long failed,
    long pending,
    Double etaSeconds,
    double meanEpochSeconds,
    List<String> failures) {
  public SweepSnapshot {
    failures = failures == null ? List.of() : List.copyOf(failures);
  }

  /** The numbers of a sweep's {@code progress} query. */
  public static SweepSnapshot from(SweepProgress p) {
    return new SweepSnapshot(
        p.sweepId(),
        p.status() == null ? "UNKNOWN" : p.status().name(),
        p.total(),
        p.done(),
        p.running(),
        p.failed(),
        p.pending(),
        p.etaSeconds(),
        p.meanEpochSeconds(),
        p.failures().stream()
            .map(f -> f.cell().label() + " [" + f.type() + "]: " + f.reason())
            .toList());
  }

  /** Finished (done or failed) trainings as a percentage of all, 0 for an empty sweep. */
  public double progressPercent() {
    return total == 0 ? 0 : 100.0 * (done + failed) / total;
  }
}
