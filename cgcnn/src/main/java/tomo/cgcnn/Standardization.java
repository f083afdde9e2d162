package tomo.cgcnn;

/** Where the z-scores of a training's numeric target and numeric extra input come from. */
public enum Standardization {
  /** The training split's mean and population standard deviation. */
  TRAIN_SPLIT,
  /**
   * The mean and sample standard deviation (ddof 1) of every row the training may use, before the
   * split: the paper's column statistics.
   */
  ALL_ROWS;

  /**
   * Matches the value every training used before the choice existed: JSON leaves it out there, so
   * results and configurations keep the text they had.
   */
  static final class Default {
    @Override
    public boolean equals(Object other) {
      return other == null || other == TRAIN_SPLIT;
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }
}
