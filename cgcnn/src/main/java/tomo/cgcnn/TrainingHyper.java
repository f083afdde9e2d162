package tomo.cgcnn;

import java.util.Objects;

/**
 * How one CGCNN training optimizes: the hyper-parameters of the network and of its optimizer.
 *
 * @param epochs epochs to train (the paper: 500)
 * @param batchSize crystals per step (the paper: 256)
 * @param optimizer SGD (paper) or Adam
 * @param learningRate initial learning rate (the paper: 0.01)
 * @param momentum SGD momentum (the paper: 0.9); ignored by Adam
 * @param milestoneEpoch 0-based epoch from which the learning rate is multiplied by 0.1 (the paper:
 *     100)
 * @param shape network widths
 * @param patience stop after this many epochs without a better validation metric; null trains every
 *     epoch (the paper's protocol)
 * @param init how a network with an extra input starts against its baseline ({@link
 *     InitScheme#TIGHT} in results written before it was recorded)
 * @param extraGain the factor on the extra input ({@link ExtraGain#AUTO} in results written before
 *     it was recorded)
 */
public record TrainingHyper(
    int epochs,
    int batchSize,
    OptimizerKind optimizer,
    double learningRate,
    double momentum,
    int milestoneEpoch,
    NetworkShape shape,
    Integer patience,
    InitScheme init,
    ExtraGain extraGain) {

  public TrainingHyper {
    init = init == null ? InitScheme.TIGHT : init; // results written before it was recorded
    extraGain = extraGain == null ? ExtraGain.AUTO : extraGain; // likewise
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(shape, "shape");
    if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
      throw new IllegalArgumentException(
          "training needs epochs >= 1, batch size >= 1, learning rate > 0");
    }
    if (patience != null && patience < 1) {
      throw new IllegalArgumentException("patience must be at least 1 epoch, got " + patience);
    }
  }

  /**
   * The paper's optimizer: SGD lr 0.01 momentum 0.9, batch 256, ×0.1 at epoch 100, every epoch
   * trained; tomo's tight pairs and gain.
   */
  public static TrainingHyper paper(int epochs) {
    return new TrainingHyper(
        epochs,
        256,
        OptimizerKind.SGD,
        0.01,
        0.9,
        100,
        NetworkShape.PAPER,
        null,
        InitScheme.TIGHT,
        ExtraGain.AUTO);
  }
}
