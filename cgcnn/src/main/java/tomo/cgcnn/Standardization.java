package tomo.cgcnn;

/** Where the z-scores of a training's numeric target and numeric extra input come from. */
public enum Standardization {
  /** The training split's mean and population standard deviation. */
  TRAIN_SPLIT,
  /**
   * The mean and sample standard deviation (ddof 1) of every row the training may use, before the
   * split: the paper's column statistics.
   */
  ALL_ROWS
}
