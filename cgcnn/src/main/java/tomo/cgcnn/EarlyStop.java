package tomo.cgcnn;

import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Early stopping: a training ends once its patience (in epochs) has passed without a better
 * validation metric; without a patience it runs all its epochs.
 */
final class EarlyStop {
  // under the trainer's name, beside the training's other lines
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final OptionalInt patience;

  private EarlyStop(OptionalInt patience) {
    this.patience = patience;
  }

  /** A stop after {@code patience} epochs without improvement; null: no early stop. */
  static EarlyStop after(Integer patience) {
    return new EarlyStop(patience == null ? OptionalInt.empty() : OptionalInt.of(patience));
  }

  /**
   * Whether the training stops before 0-based {@code epoch}, its best so far being 1-based {@code
   * bestEpoch}. Checked before the epoch, so a rerun of a stopped training stops again at once.
   */
  boolean stopsBefore(int epoch, int bestEpoch) {
    if (patience.isEmpty() || epoch - bestEpoch < patience.getAsInt()) {
      return false;
    }
    LOG.info(
        "stopping after epoch {}: no better validation metric in {} epochs (best: epoch {})",
        epoch,
        patience.getAsInt(),
        bestEpoch);
    return true;
  }
}
