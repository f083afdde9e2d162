package tomo.activities.store;

import java.util.Objects;
import java.util.Optional;

/**
 * How a trainer ran one training, as the stored training keeps it (not part of the content hash: a
 * CPU and a GPU worker answer the same request, and this says which did). On disk it is the flat
 * object of strings that {@link RunProvenanceJson} reads and writes.
 *
 * @param environment where and with what it ran
 * @param data what it read
 * @param figures how it went
 * @param start the weights a fine-tuning started from; empty for a training from scratch
 */
public record RunProvenance(
    RunEnvironment environment, RunData data, RunFigures figures, Optional<StartWeights> start) {

  public RunProvenance {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(figures, "figures");
    Objects.requireNonNull(start, "start");
  }
}
