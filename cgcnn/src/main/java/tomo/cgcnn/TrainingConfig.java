package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;
import tomo.materials.graph.GraphMode;

/**
 * Everything that decides one CGCNN training (besides the data): what it learns, how it optimizes,
 * the network's widths and where it runs. In JSON one flat object with the keys it had before it
 * had parts ({@link FlatTrainingConfig}).
 *
 * @param task the property predicted, its extra input, graphs and seed
 * @param hyper the hyper-parameters, the type a sweep's spec names them with; {@code epochs} are
 *     this training's own (a fine-tuning's F), so it has no fine-tuning epochs
 * @param shape the network's widths
 * @param runtime threads and device, which do not change what is learned
 */
public record TrainingConfig(
    TrainingTask task, HyperParameters hyper, NetworkShape shape, TrainingRuntime runtime) {

  public TrainingConfig {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(hyper, "hyper");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(hyper.optimizer(), "optimizer");
    if (hyper.epochs() < 1 || hyper.batchSize() < 1 || !(hyper.learningRate() > 0)) {
      throw new IllegalArgumentException(
          "training needs epochs >= 1, batch size >= 1, learning rate > 0");
    }
    if (hyper.patience() != null && hyper.patience() < 1) {
      throw new IllegalArgumentException(
          "patience must be at least 1 epoch, got " + hyper.patience());
    }
    if (hyper.finetuneEpochs() != null) {
      throw new IllegalArgumentException(
          "a training's hyper-parameters have no fine-tuning epochs (its epochs are those it"
              + " trains), got finetuneEpochs "
              + hyper.finetuneEpochs());
    }
  }

  /**
   * The paper's hyper-parameters ({@link HyperParameters#paper}) and network for {@code target}
   * with an unmasked {@code extraProperty} (null: a baseline), on the engine's default threads of
   * the CPU.
   */
  public static TrainingConfig paper(
      String target, String extraProperty, GraphMode mode, long seed, int epochs) {
    return new TrainingConfig(
        new TrainingTask(target, extraProperty, false, mode, seed),
        HyperParameters.paper(epochs),
        NetworkShape.PAPER,
        TrainingRuntime.DEFAULT);
  }

  /** This training on another runtime. */
  public TrainingConfig withRuntime(TrainingRuntime value) {
    return new TrainingConfig(task, hyper, shape, value);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The flat object of the JSON. */
  @JsonValue
  FlatTrainingConfig json() {
    return FlatTrainingConfig.of(this);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static TrainingConfig fromJson(FlatTrainingConfig flat) {
    return flat.config();
  }

  /**
   * The text that names what is trained: a checkpoint written under another text is refused, and
   * {@code tomo train} names its checkpoint folders after it. It comes from the task, the
   * hyper-parameters and the shape alone, without the epochs and the patience (they only decide
   * where a training ends, so a training may be continued for longer); the runtime has no part in
   * it. The init and the gain are named by the checkpoint's fingerprint ({@link Trainer}).
   *
   * <p>It is the text of the flat 15-field record this one replaced, with epochs 1, no patience and
   * the default runtime, as it was computed then (the optimizer by its constant's name), so
   * checkpoints written before keep resuming.
   */
  public String resumeIdentity() {
    return "TrainingConfig[target="
        + task.target()
        + ", extraProperty="
        + task.extraProperty()
        + ", extraMasked="
        + task.extraMasked()
        + ", mode="
        + task.mode()
        + ", seed="
        + task.seed()
        + ", epochs=1, batchSize="
        + hyper.batchSize()
        + ", optimizer="
        + hyper.optimizer().name()
        + ", learningRate="
        + hyper.learningRate()
        + ", momentum="
        + hyper.momentum()
        + ", milestoneEpoch="
        + hyper.milestone()
        + ", shape="
        + shape
        + ", threads=0, useGpu=false, patience=null]"
        // choices added later, named only where they differ from what every training did before
        + (task.completeOver().isEmpty() ? "" : " completeOver=" + task.completeOver())
        + (hyper.scaling() == Scaling.TRAIN
            ? ""
            : " standardization=" + FlatTrainingConfig.standardization(hyper.scaling()));
  }

  /** Sets single settings of a configuration; {@link #build} validates them. */
  public static final class Builder {
    private final String target;
    private final String extraProperty;
    private boolean extraMasked;
    private final GraphMode mode;
    private final long seed;
    private List<String> completeOver;
    private HyperParameters.Builder hyper;
    private NetworkShape shape;
    private int threads;
    private boolean useGpu;

    private Builder(TrainingConfig from) {
      target = from.task.target();
      extraProperty = from.task.extraProperty();
      extraMasked = from.task.extraMasked();
      mode = from.task.mode();
      seed = from.task.seed();
      completeOver = from.task.completeOver();
      hyper = from.hyper.toBuilder();
      shape = from.shape;
      threads = from.runtime.threads();
      useGpu = from.runtime.useGpu();
    }

    public Builder extraMasked(boolean value) {
      extraMasked = value;
      return this;
    }

    /** Properties every row used must have, besides the target and the extra. */
    public Builder completeOver(List<String> value) {
      completeOver = value;
      return this;
    }

    /** Every hyper-parameter at once, e.g. a request's. */
    public Builder hyper(HyperParameters value) {
      hyper = value.toBuilder();
      return this;
    }

    /** Where the z-scores of the target and a numeric extra come from. */
    public Builder scaling(Scaling value) {
      hyper.scaling(value);
      return this;
    }

    public Builder epochs(int value) {
      hyper.epochs(value);
      return this;
    }

    public Builder batchSize(int value) {
      hyper.batchSize(value);
      return this;
    }

    /** The optimizer with its initial learning rate. */
    public Builder optimizer(Optimizer kind, double lr) {
      hyper.optimizer(kind).learningRate(lr);
      return this;
    }

    /** SGD momentum (a sweep's spec may change the paper's). */
    public Builder momentum(double value) {
      hyper.momentum(value);
      return this;
    }

    /** The 0-based epoch from which the learning rate is ×0.1. */
    public Builder milestone(int value) {
      hyper.milestone(value);
      return this;
    }

    public Builder shape(NetworkShape value) {
      shape = value;
      return this;
    }

    /** Epochs without a better validation metric before stopping; null trains every epoch. */
    public Builder patience(Integer value) {
      hyper.patience(value);
      return this;
    }

    /** How a network with an extra input starts against its baseline. */
    public Builder init(InitMode value) {
      hyper.init(value);
      return this;
    }

    /** The factor on the extra input. */
    public Builder extraGain(ExtraGain value) {
      hyper.extraGain(value);
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder gpu(boolean value) {
      useGpu = value;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the setting out of range
     */
    public TrainingConfig build() {
      return new TrainingConfig(
          new TrainingTask(target, extraProperty, extraMasked, mode, seed, completeOver),
          hyper.build(),
          shape,
          new TrainingRuntime(threads, useGpu));
    }
  }
}
