package tomo.workflows.model;

import java.util.List;

/**
 * A group's progress, sent to its sweep as a signal a few times per chunk of trainings.
 *
 * @param done trainings done so far by this group (cumulative)
 * @param running trainings scheduled and not finished
 * @param newFailures failures since the previous update
 */
public record GroupProgress(
    String groupId,
    long done,
    long memoized,
    long running,
    long trainedEpochs,
    double trainSeconds,
    List<CellFailure> newFailures) {}
