package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import java.util.Objects;
import tomo.materials.graph.GraphMode;

/**
 * Everything that decides one CGCNN training (besides the data): what it learns, how it optimizes
 * and where it runs. In JSON the three parts are written as one flat object, as before they were
 * parts.
 *
 * @param task the property predicted, its extra input, graphs and seed
 * @param hyper the hyper-parameters
 * @param runtime threads and device, which do not change what is learned
 */
public record TrainingConfig(
    @JsonUnwrapped TrainingTask task,
    @JsonUnwrapped TrainingHyper hyper,
    @JsonUnwrapped TrainingRuntime runtime) {

  public TrainingConfig {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(hyper, "hyper");
    Objects.requireNonNull(runtime, "runtime");
  }

  /**
   * The paper's hyper-parameters ({@link TrainingHyper#paper}) for {@code target} with an unmasked
   * {@code extraProperty} (null: a baseline), on the engine's default threads of the CPU.
   */
  public static TrainingConfig paper(
      String target, String extraProperty, GraphMode mode, long seed, int epochs) {
    return new TrainingConfig(
        new TrainingTask(target, extraProperty, false, mode, seed),
        TrainingHyper.paper(epochs),
        TrainingRuntime.DEFAULT);
  }

  /** This training on another runtime. */
  public TrainingConfig withRuntime(TrainingRuntime value) {
    return new TrainingConfig(task, hyper, value);
  }

  /** A builder that starts from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The text that names what is trained: a checkpoint written under another text is refused, and
   * {@code tomo train} names its checkpoint folders after it. It comes from the task and the
   * hyper-parameters alone, without the epochs and the patience (they only decide where a training
   * ends, so a training may be continued for longer); the runtime has no part in it.
   */
  public String resumeIdentity() {
    return resumeIdentity(task, hyper);
  }

  /**
   * The text of the flat 15-field record this one replaced, with epochs 1, no patience and the
   * default runtime, as it was computed then: checkpoints written before keep resuming.
   */
  private static String resumeIdentity(TrainingTask task, TrainingHyper hyper) {
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
        + hyper.optimizer()
        + ", learningRate="
        + hyper.learningRate()
        + ", momentum="
        + hyper.momentum()
        + ", milestoneEpoch="
        + hyper.milestoneEpoch()
        + ", shape="
        + hyper.shape()
        + ", threads=0, useGpu=false, patience=null]"
        // choices added later, named only where they differ from what every training did before
        + (task.completeOver().isEmpty() ? "" : " completeOver=" + task.completeOver())
        + (task.standardization() == Standardization.TRAIN_SPLIT
            ? ""
            : " standardization=" + task.standardization());
  }

  /** Sets single settings of a configuration; {@link #build} validates them. */
  public static final class Builder {
    private String target;
    private String extraProperty;
    private boolean extraMasked;
    private GraphMode mode;
    private long seed;
    private List<String> completeOver;
    private Standardization standardization;
    private int epochs;
    private int batchSize;
    private OptimizerKind optimizer;
    private double learningRate;
    private double momentum;
    private int milestoneEpoch;
    private NetworkShape shape;
    private Integer patience;
    private InitScheme init;
    private ExtraGain extraGain;
    private int threads;
    private boolean useGpu;

    private Builder(TrainingConfig from) {
      target = from.task.target();
      extraProperty = from.task.extraProperty();
      extraMasked = from.task.extraMasked();
      mode = from.task.mode();
      seed = from.task.seed();
      completeOver = from.task.completeOver();
      standardization = from.task.standardization();
      epochs = from.hyper.epochs();
      batchSize = from.hyper.batchSize();
      optimizer = from.hyper.optimizer();
      learningRate = from.hyper.learningRate();
      momentum = from.hyper.momentum();
      milestoneEpoch = from.hyper.milestoneEpoch();
      shape = from.hyper.shape();
      patience = from.hyper.patience();
      init = from.hyper.init();
      extraGain = from.hyper.extraGain();
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

    public Builder standardization(Standardization value) {
      standardization = value;
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

    /** The optimizer with its initial learning rate (the defaults differ between the two). */
    public Builder optimizer(OptimizerKind kind, double lr) {
      optimizer = kind;
      learningRate = lr;
      return this;
    }

    /** SGD momentum (a sweep's spec may change the paper's 0.9). */
    public Builder momentum(double value) {
      momentum = value;
      return this;
    }

    public Builder milestoneEpoch(int value) {
      milestoneEpoch = value;
      return this;
    }

    public Builder shape(NetworkShape value) {
      shape = value;
      return this;
    }

    /** Epochs without a better validation metric before stopping; null trains every epoch. */
    public Builder patience(Integer value) {
      patience = value;
      return this;
    }

    /** How a network with an extra input starts against its baseline. */
    public Builder init(InitScheme value) {
      init = value;
      return this;
    }

    /** The factor on the extra input. */
    public Builder extraGain(ExtraGain value) {
      extraGain = value;
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
          new TrainingTask(
              target, extraProperty, extraMasked, mode, seed, completeOver, standardization),
          new TrainingHyper(
              epochs,
              batchSize,
              optimizer,
              learningRate,
              momentum,
              milestoneEpoch,
              shape,
              patience,
              init,
              extraGain),
          new TrainingRuntime(threads, useGpu));
    }
  }
}
