package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;
import tomo.materials.graph.GraphMode;

/**
 * A {@link TrainingConfig} as JSON writes it (in training results, {@code tomo train}'s output and
 * the bench scripts that read it): one flat object with the keys and spellings of the flat record
 * it was before it had parts, so files written then and now read alike. The optimizer is spelled by
 * its constant's name ({@code SGD}), the milestone is {@code milestoneEpoch}, and the scaling is
 * {@code standardization} ({@code ALL_ROWS}, left out for the training split's, as every training
 * did before it was a choice).
 */
record FlatTrainingConfig(
    String target,
    String extraProperty,
    boolean extraMasked,
    GraphMode mode,
    long seed,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> completeOver,
    @JsonInclude(JsonInclude.Include.NON_NULL) String standardization,
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double momentum,
    int milestoneEpoch,
    NetworkShape shape,
    Integer patience,
    InitMode init,
    ExtraGain extraGain,
    int threads,
    boolean useGpu) {

  private static final String TRAIN_SPLIT = "TRAIN_SPLIT";
  private static final String ALL_ROWS = "ALL_ROWS";

  static FlatTrainingConfig of(TrainingConfig c) {
    TrainingTask t = c.task();
    HyperParameters h = c.hyper();
    return new FlatTrainingConfig(
        t.target(),
        t.extraProperty(),
        t.extraMasked(),
        t.mode(),
        t.seed(),
        t.completeOver(),
        h.scaling() == Scaling.TRAIN ? null : standardization(h.scaling()),
        h.epochs(),
        h.batchSize(),
        h.optimizer().name(),
        h.learningRate(),
        h.momentum(),
        h.milestone(),
        c.shape(),
        h.patience(),
        h.init(),
        h.extraGain(),
        c.runtime().threads(),
        c.runtime().useGpu());
  }

  /** The configuration this object describes; absent choices read as what every training did. */
  TrainingConfig config() {
    HyperParameters.Builder h =
        HyperParameters.builder()
            .epochs(epochs)
            .batchSize(batchSize)
            .optimizer(Optimizer.valueOf(optimizer))
            .learningRate(learningRate)
            .momentum(momentum)
            .milestone(milestoneEpoch)
            .patience(patience)
            .scaling(scaling(standardization));
    if (init != null) {
      h.init(init);
    }
    if (extraGain != null) {
      h.extraGain(extraGain);
    }
    return new TrainingConfig(
        new TrainingTask(target, extraProperty, extraMasked, mode, seed, completeOver),
        h.build(),
        shape,
        new TrainingRuntime(threads, useGpu));
  }

  /** The name the configuration's JSON and resume identity give {@code scaling}. */
  static String standardization(Scaling scaling) {
    return scaling == Scaling.DATASET ? ALL_ROWS : TRAIN_SPLIT;
  }

  private static Scaling scaling(String standardization) {
    if (standardization == null || standardization.equals(TRAIN_SPLIT)) {
      return Scaling.TRAIN;
    }
    if (standardization.equals(ALL_ROWS)) {
      return Scaling.DATASET;
    }
    throw new IllegalArgumentException(
        "standardization: expected TRAIN_SPLIT or ALL_ROWS, got '" + standardization + "'");
  }
}
