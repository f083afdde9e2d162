package tomo.activities.store;

import java.util.List;
import java.util.Map;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;

/**
 * A finished training as the artifact store keeps it (one JSON file per content hash).
 *
 * @param trainer the trainer's id, part of the content hash
 * @param epochs epochs trained by the run that finished it (after a resume: the epochs after it)
 * @param trainSeconds wall time of those epochs
 * @param finishedAt ISO-8601 instant
 * @param provenance how the trainer ran (device, engine versions, threads, malloc, …); not part of
 *     the content hash: a CPU and a GPU worker answer the same request, and this says which did
 * @param history the learning curve, every epoch from the first (empty in files written before it
 *     was kept, and for trainers that keep none)
 */
public record StoredTraining(
    String contentHash,
    String trainer,
    TrainingRequest request,
    TrainingOutcome outcome,
    int epochs,
    double trainSeconds,
    String finishedAt,
    Map<String, String> provenance,
    List<EpochPoint> history) {

  public StoredTraining {
    provenance = provenance == null ? Map.of() : provenance; // files written before it existed
    history = history == null ? List.of() : List.copyOf(history); // likewise
  }
}
