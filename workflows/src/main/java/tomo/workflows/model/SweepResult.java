package tomo.workflows.model;

import java.util.List;

/**
 * How a sweep ended.
 *
 * @param failures failed trainings, at most 1,000 listed ({@code failed} counts all)
 * @param maxHistoryLength the largest history, in events, of the sweep or any of its children
 */
public record SweepResult(
    String sweepId,
    SweepStatus status,
    long total,
    long done,
    long memoized,
    long failed,
    List<CellFailure> failures,
    int rounds,
    String reportDir,
    long maxHistoryLength) {}
