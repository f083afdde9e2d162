package tomo.activities.store;

import java.util.Objects;

/**
 * The weights a fine-tuning started from: a cell and its control are compared only when both name
 * the same.
 *
 * @param sha256 SHA-256 of the best weights of the baseline trained in full
 * @param epochs the epochs that baseline had trained
 */
public record StartWeights(String sha256, int epochs) {

  public StartWeights {
    Objects.requireNonNull(sha256, "sha256");
    if (epochs < 0) {
      throw new IllegalArgumentException("start epochs must be >= 0, got " + epochs);
    }
  }
}
