package tomo.activities.store;

import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;

/**
 * A finished training as the artifact store keeps it (one JSON file per content hash).
 *
 * @param trainer the trainer's id, part of the content hash
 * @param epochs epochs trained by the run that finished it (after a resume: the epochs after it)
 * @param trainSeconds wall time of those epochs
 * @param finishedAt ISO-8601 instant
 */
public record StoredTraining(
    String contentHash,
    String trainer,
    TrainingRequest request,
    TrainingOutcome outcome,
    int epochs,
    double trainSeconds,
    String finishedAt) {}
