package tomo.cgcnn;

import java.util.List;

/**
 * The scalar part of a checkpoint (the tensors sit beside it in {@code tensors.ndlist}).
 *
 * @param fingerprint what the checkpoint was trained on; a resume with anything else is refused
 * @param epochsDone finished epochs
 * @param bestValMetric best validation metric so far (+∞ before the first epoch)
 * @param bestEpoch its 1-based epoch
 * @param bestTestMetric test metric of that epoch
 * @param optimizerSteps optimizer updates so far (Adam's bias correction)
 * @param shuffleSeed seed of the per-epoch shuffles; epoch e's order derives from (seed, e), so
 *     this and {@code epochsDone} are the whole random state needed to continue
 * @param targetScaler target standardization
 * @param extraScaler extra input standardization
 * @param history progress of every finished epoch
 * @param tensorNames names of the tensors in {@code tensors.ndlist}, in order
 */
record CheckpointState(
    String fingerprint,
    int epochsDone,
    double bestValMetric,
    int bestEpoch,
    double bestTestMetric,
    long optimizerSteps,
    long shuffleSeed,
    Standardizer targetScaler,
    Standardizer extraScaler,
    List<EpochProgress> history,
    List<String> tensorNames) {}
