package tomo.workflows.model;

import java.util.List;

/**
 * Answer of the sweep's {@code progress} query. Counts are trainings (a shared baseline counts
 * once); {@code done + running + failed + pending = total}.
 *
 * @param etaSeconds estimated seconds to finish from measured epoch times and the parallelism seen
 *     so far; {@code null} before any epoch was measured
 * @param meanEpochSeconds mean wall time of one trained epoch, 0 before any
 * @param failures up to 50 failed trainings with their reasons
 * @param reportDir where the latest report was written, {@code null} before one was
 * @param failure why the sweep failed (the step and what it said: file, row, field) when {@code
 *     status} is {@link SweepStatus#FAILED}, {@code null} otherwise
 */
public record SweepProgress(
    String sweepId,
    SweepStatus status,
    int round,
    long total,
    long done,
    long memoized,
    long running,
    long failed,
    long pending,
    Double etaSeconds,
    double meanEpochSeconds,
    List<CellFailure> failures,
    String reportDir,
    String failure) {}
