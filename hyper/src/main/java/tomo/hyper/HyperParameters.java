package tomo.hyper;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * How a training optimizes, from a sweep's spec (its {@code hyper} block) down to the CGCNN
 * trainer: CGCNN's published defaults (Xie &amp; Grossman's {@code main.py}: SGD, learning rate
 * 0.01, momentum 0.9, batch 256, ×0.1 after epoch 100, 30 epochs) for every field a spec leaves
 * out, written once, in the constants here and {@link Optimizer#DEFAULT_LEARNING_RATE}. A field
 * given explicitly is taken as given and checked where it is used (a sweep's spec names the field
 * of a bad value; the trainer refuses what it cannot train): {@code epochs: 0} is an error, not
 * "the default".
 *
 * @param epochs training epochs
 * @param batchSize crystals per mini-batch
 * @param optimizer {@code sgd} or {@code adam}
 * @param learningRate initial learning rate
 * @param momentum SGD momentum
 * @param milestone the 0-based epoch from which the learning rate is ×0.1
 * @param patience stop a training after this many epochs without a better validation metric; null
 *     trains every epoch (the paper's protocol) and, left out of the JSON, keeps the content hashes
 *     of sweeps without it
 * @param init how a training with an extra property starts against its baseline: {@code tight}
 *     (tomo's default) or {@code independent} (the paper's code)
 * @param extraGain the factor on the extra property's input: {@code auto} (tomo's rule, the
 *     default) or a positive number (1: the paper's literal concatenation)
 * @param scaling where the z-scores of target and extra come from ({@code train}: the training
 *     split, tomo's; {@code dataset}: every row the sweep keeps, ddof 1, the paper's)
 * @param finetuneEpochs {@code protocol: finetune} only: the epochs F each cell (and the control)
 *     trains from its baseline's best weights; null otherwise, and then left out of the JSON, so
 *     the content hashes of every other training stay as they were
 */
public record HyperParameters(
    int epochs,
    int batchSize,
    Optimizer optimizer,
    double learningRate,
    double momentum,
    int milestone,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer patience,
    InitMode init,
    ExtraGain extraGain,
    Scaling scaling,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer finetuneEpochs) {

  public HyperParameters {
    // absent in JSON stored before these existed: what every training did then
    init = init == null ? InitMode.TIGHT : init;
    extraGain = extraGain == null ? ExtraGain.AUTO : extraGain;
    scaling = scaling == null ? Scaling.TRAIN : scaling;
  }

  /** Epochs of a training that names none (the paper's sweeps train 500). */
  public static final int DEFAULT_EPOCHS = 30;

  /** The paper's crystals per mini-batch. */
  public static final int PAPER_BATCH_SIZE = 256;

  /** The paper's SGD momentum. */
  public static final double PAPER_MOMENTUM = 0.9;

  /** The paper's learning-rate milestone: ×0.1 from this 0-based epoch on. */
  public static final int PAPER_MILESTONE = 100;

  /** CGCNN's published defaults. */
  public static HyperParameters defaults() {
    return builder().build();
  }

  /** CGCNN's published defaults with {@code epochs} epochs (the paper's sweeps train 500). */
  public static HyperParameters paper(int epochs) {
    return builder().epochs(epochs).build();
  }

  /** CGCNN's published defaults, to change one field at a time. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * How a spec's {@code hyper} block is read: the one place where an absent field takes its default
   * (and only an absent one; {@code null} in the file reads as absent).
   */
  @JsonCreator
  public static HyperParameters fromSpec(
      @JsonProperty("epochs") Integer epochs,
      @JsonProperty("batchSize") Integer batchSize,
      @JsonProperty("optimizer") Optimizer optimizer,
      @JsonProperty("learningRate") Double learningRate,
      @JsonProperty("momentum") Double momentum,
      @JsonProperty("milestone") Integer milestone,
      @JsonProperty("patience") Integer patience,
      @JsonProperty("init") InitMode init,
      @JsonProperty("extraGain") ExtraGain extraGain,
      @JsonProperty("scaling") Scaling scaling,
      @JsonProperty("finetuneEpochs") Integer finetuneEpochs) {
    Builder b = builder().patience(patience).finetuneEpochs(finetuneEpochs);
    if (init != null) {
      b.init(init);
    }
    if (extraGain != null) {
      b.extraGain(extraGain);
    }
    if (scaling != null) {
      b.scaling(scaling);
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (optimizer != null) {
      b.optimizer(optimizer);
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (momentum != null) {
      b.momentum(momentum);
    }
    if (milestone != null) {
      b.milestone(milestone);
    }
    return b.build();
  }

  /** A builder holding every field of these hyper-parameters. */
  public Builder toBuilder() {
    return builder()
        .epochs(epochs)
        .batchSize(batchSize)
        .optimizer(optimizer)
        .learningRate(learningRate)
        .momentum(momentum)
        .milestone(milestone)
        .patience(patience)
        .init(init)
        .extraGain(extraGain)
        .scaling(scaling)
        .finetuneEpochs(finetuneEpochs);
  }

  /** These hyper-parameters without fine-tuning epochs: what a fine-tuned sweep's baselines use. */
  public HyperParameters withoutFinetune() {
    return toBuilder().finetuneEpochs(null).build();
  }

  /** Hyper-parameters that start as the paper's; each setter replaces one. */
  public static final class Builder {
    private int epochs = DEFAULT_EPOCHS;
    private int batchSize = PAPER_BATCH_SIZE;
    private Optimizer optimizer = Optimizer.SGD;
    private Double learningRate; // unset: the optimizer's default
    private double momentum = PAPER_MOMENTUM;
    private int milestone = PAPER_MILESTONE;
    private Integer patience;
    private InitMode init = InitMode.TIGHT;
    private ExtraGain extraGain = ExtraGain.AUTO;
    private Scaling scaling = Scaling.TRAIN;
    private Integer finetuneEpochs;

    private Builder() {}

    /** Epochs of each fine-tuning ({@code protocol: finetune}); null: no fine-tuning. */
    public Builder finetuneEpochs(Integer value) {
      finetuneEpochs = value;
      return this;
    }

    /** Where the z-scores of target and extra come from. */
    public Builder scaling(Scaling value) {
      scaling = Objects.requireNonNull(value, "scaling");
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    /** The optimizer; without {@link #learningRate}, its default learning rate. */
    public Builder optimizer(Optimizer value) {
      optimizer = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder momentum(double value) {
      momentum = value;
      return this;
    }

    public Builder milestone(int value) {
      milestone = value;
      return this;
    }

    /** Early-stopping patience in epochs; {@code null} trains every epoch. */
    public Builder patience(Integer value) {
      patience = value;
      return this;
    }

    /** How a training with an extra property starts against its baseline (default: tight). */
    public Builder init(InitMode value) {
      init = Objects.requireNonNull(value, "init");
      return this;
    }

    /** The factor on the extra property's input (default: auto). */
    public Builder extraGain(ExtraGain value) {
      extraGain = Objects.requireNonNull(value, "extraGain");
      return this;
    }

    public HyperParameters build() {
      return new HyperParameters(
          epochs,
          batchSize,
          optimizer,
          learningRate != null ? learningRate : optimizer.defaultLearningRate(),
          momentum,
          milestone,
          patience,
          init,
          extraGain,
          scaling,
          finetuneEpochs);
    }
  }
}
