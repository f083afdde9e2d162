package tomo.activities.store;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;

/**
 * A finished training as the artifact store keeps it (one JSON file per content hash).
 *
 * @param trainer the trainer's id, part of the content hash
 * @param epochs epochs trained by the run that finished it (after a resume: the epochs after it)
 * @param trainSeconds wall time of those epochs
 * @param finishedAt ISO-8601 instant
 * @param provenance how the trainer ran (device, engine versions, threads, malloc, the split, …);
 *     not part of the content hash: a CPU and a GPU worker answer the same request, and this says
 *     which did. Empty for a trainer without an engine and in files written before it was kept
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
    @JsonSerialize(using = RunProvenanceJson.Writer.class)
        @JsonDeserialize(using = RunProvenanceJson.Reader.class)
        Optional<RunProvenance> provenance,
    List<EpochPoint> history) {

  public StoredTraining {
    Objects.requireNonNull(provenance, "provenance"); // the reader gives files without it empty
    history =
        history == null ? List.of() : List.copyOf(history); // files written before it was kept
  }
}
