package tomo.activities.report;

import java.util.List;
import tomo.activities.store.StoredTraining;
import tomo.hyper.HyperParameters;
import tomo.workflows.model.TrainingOutcome;

/**
 * What a report must know about how a training was made, beyond its outcome: to refuse mixing
 * trainers or dataset versions, to say when numbers are synthetic, and to check the baseline and
 * convergence. A {@code null} component means "not recorded" (a {@code trainings.csv} written
 * before tomo kept it), never a default.
 *
 * @param trainer the trainer's id ({@code cgcnn-v1}, {@code synthetic-v1}, …)
 * @param datasetSha256 SHA-256 of the dataset the training read
 * @param epochs the epochs the training was asked for (its hyper-parameters)
 * @param referenceTestMetric test metric of the trivial predictor on the same split: the training
 *     mean (MAE) or the majority class (error rate); not recorded by the synthetic trainer
 * @param init how the network started against its baseline ({@code hyper.init}: tight,
 *     independent); a training stored before it was a field was trained tight and reads so
 * @param extraGain the factor on the extra input ({@code hyper.extraGain}: auto or a number);
 *     likewise auto for trainings stored before
 * @param protocol the protocol the training followed ({@code tomo}, {@code paper}); tomo for
 *     trainings stored before protocols had names, whose choices were tomo's
 */
public record TrainingProvenance(
    String trainer,
    String datasetSha256,
    Integer epochs,
    Double referenceTestMetric,
    String init,
    String extraGain,
    String protocol) {

  /** Nothing recorded. */
  public static final TrainingProvenance UNRECORDED =
      new TrainingProvenance(null, null, null, null, null, null, null);

  /** Without the network's settings and the protocol (not recorded). */
  public TrainingProvenance(
      String trainer, String datasetSha256, Integer epochs, Double referenceTestMetric) {
    this(trainer, datasetSha256, epochs, referenceTestMetric, null, null, null);
  }

  /** Trainer ids of trainers that train no model (see {@code SyntheticTrainer}) start with this. */
  public static final String SYNTHETIC_PREFIX = "synthetic";

  /** The provenance of a stored training. */
  public static TrainingProvenance of(StoredTraining stored) {
    // not finite where the trivial predictor had nothing to predict from: not recorded
    Double referenceMetric =
        stored
            .provenance()
            .map(p -> p.figures().referenceTestMetric())
            .filter(Double::isFinite)
            .orElse(null);
    HyperParameters hyper = stored.request() == null ? null : stored.request().hyper();
    return new TrainingProvenance(
        stored.trainer(),
        stored.request() == null ? null : stored.request().datasetSha256(),
        hyper == null ? null : hyper.epochs(),
        referenceMetric,
        hyper == null ? null : hyper.init().label(),
        hyper == null ? null : hyper.extraGain().toString(),
        stored.request() == null ? null : stored.request().protocol().label());
  }

  /**
   * Refuses trainings of more than one protocol or network setting (init, extra-input gain): their
   * changes are different quantities, naming the values.
   */
  static void refuseMixingNetworks(
      List<TrainingOutcome> trainings, List<TrainingProvenance> provenance) {
    SweepReport.refuseMixing(trainings, provenance, TrainingProvenance::protocol, "protocols");
    SweepReport.refuseMixing(trainings, provenance, TrainingProvenance::init, "inits (hyper.init)");
    SweepReport.refuseMixing(
        trainings,
        provenance,
        TrainingProvenance::extraGain,
        "extra-input gains (hyper.extraGain)");
  }

  /** Whether the numbers come from a trainer that trains no model. */
  public boolean synthetic() {
    return trainer != null && trainer.startsWith(SYNTHETIC_PREFIX);
  }
}
