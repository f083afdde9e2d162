package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a checkpoint holds of a running training, live: the network's weights and the optimizer's
 * state (the tensors), the best epoch with its weights, and the history of finished epochs, under
 * the fingerprint of what is trained. It is written after every epoch and read back on resumption.
 */
final class TrainingState {
  private final String fingerprint;
  private final ParameterOptimizer optimizer;
  private final Map<String, NDArray> tensors = new LinkedHashMap<>();
  private final BestEpoch best;
  private final List<EpochProgress> history = new ArrayList<>();

  /** Where a resumed run picked up: the checkpoint and the epochs it had finished. */
  record Resumed(Path checkpoint, int epochsDone) {}

  /**
   * @param fingerprint what the training is of ({@link Trainer#fingerprint}); a checkpoint of
   *     anything else is refused
   */
  TrainingState(CgcnnNetwork net, ParameterOptimizer optimizer, String fingerprint) {
    this.fingerprint = fingerprint;
    this.optimizer = optimizer;
    // the weights that define the model, and with the optimizer's state what a checkpoint holds
    Map<String, NDArray> model = net.weights();
    tensors.putAll(model);
    tensors.putAll(optimizer.state());
    this.best = new BestEpoch(model);
  }

  BestEpoch best() {
    return best;
  }

  /** Every finished epoch, in order (a resumed run's include those before it). */
  List<EpochProgress> history() {
    return history;
  }

  /**
   * Continues from the newest checkpoint in {@code store}, if there is one: its tensors, best
   * epoch, optimizer step count and history.
   *
   * @param scratch parent of the manager the stored tensors are read into
   * @throws IllegalStateException when the checkpoint belongs to another training
   */
  Optional<Resumed> resume(CheckpointStore store, NDManager scratch) {
    Optional<Path> latest = store.latest();
    if (latest.isEmpty()) {
      return Optional.empty();
    }
    Path checkpoint = latest.get();
    CheckpointState s = store.readState(checkpoint);
    if (!s.fingerprint().equals(fingerprint)) {
      throw new IllegalStateException(
          "checkpoint %s belongs to another training:%n  it: %s%n  now: %s"
              .formatted(checkpoint, s.fingerprint(), fingerprint));
    }
    try (NDManager tmp = scratch.newSubManager()) {
      store.readTensors(checkpoint, s, tensors, tmp);
      Optional<NDList> kept = CheckpointStore.readBest(checkpoint, tmp);
      if (kept.isPresent()) {
        best.restoreWeights(kept.get(), checkpoint);
      }
    }
    optimizer.restoreSteps(s.optimizerSteps());
    best.restore(s.bestEpoch(), s.bestValMetric(), s.bestTestMetric());
    history.addAll(s.history());
    return Optional.of(new Resumed(checkpoint, s.epochsDone()));
  }

  /** Writes the checkpoint after {@code epochsDone} epochs. */
  void write(CheckpointStore store, int epochsDone, long seed, PreparedData prepared) {
    store.write(
        new CheckpointState(
            fingerprint,
            epochsDone,
            best.valMetric(),
            best.epoch(),
            best.testMetric(),
            optimizer.steps(),
            seed,
            prepared.targetScaler,
            prepared.extraScaler,
            history,
            List.copyOf(tensors.keySet())),
        tensors,
        best.weights().orElse(null));
  }
}
