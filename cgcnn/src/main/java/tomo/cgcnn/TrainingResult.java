package tomo.cgcnn;

import java.util.List;

/**
 * The outcome of one training with everything needed to trace it back to how it was made.
 *
 * @param target predicted property
 * @param extraProperty property given as extra input, or null for a baseline
 * @param metric "mae" (numeric target, in the target's unit) or "error_rate" (categorical)
 * @param bestEpoch 1-based epoch with the best validation metric (the model that is reported)
 * @param bestValMetric validation metric of that epoch
 * @param testMetric test metric of that epoch
 * @param referenceTestMetric test metric of the trivial predictor (training mean or majority
 *     class), to judge what was learned
 * @param trainMaterials materials in the training part (after dropping rows without values)
 * @param validationMaterials materials in the validation part
 * @param testMaterials materials in the test part
 * @param droppedMissingTarget materials without a target value (not used)
 * @param droppedMissingExtra materials with a target but without an extra value (not used)
 * @param targetScaler standardization of a numeric target (identity for a categorical one)
 * @param extraScaler standardization of a numeric extra input (identity otherwise)
 * @param datasetSha256 content hash of the dataset
 * @param graphSettingsKey the graph settings' key
 * @param config hyper-parameters, split seed, mode, target and extra property
 * @param history every epoch's progress, including its wall time in seconds
 * @param resumedFromEpoch epochs already done in the checkpoint this run resumed from (0 = fresh)
 * @param stoppedEarly whether the patience rule ended the training before its last epoch
 * @param epochsRun epochs trained in all (the last epoch of {@code history}; less than the config's
 *     epochs when it stopped early)
 * @param trainCrystalsPerSecond training throughput (crystals per second of training steps) in
 *     steady state: over the epochs this process ran after its first (the only one when it ran one)
 * @param trainAtomsPerSecond the same in atoms (crystals of this dataset have 1–200 sites, so a
 *     sample's crystals/s depends on its sizes; atoms/s much less)
 * @param backend "CPU" or "CUDA"
 * @param device the device in use, e.g. "cpu()" or "gpu(0) compute capability 90"
 * @param threads intra-op threads of the engine
 * @param djlVersion DJL version
 * @param libtorchVersion libtorch version of the PyTorch engine
 * @param allocator the malloc serving the engine's tensors ("tcmalloc", "jemalloc", "glibc"):
 *     throughput and resident memory depend on it
 */
public record TrainingResult(
    String target,
    String extraProperty,
    String metric,
    int bestEpoch,
    double bestValMetric,
    double testMetric,
    double referenceTestMetric,
    int trainMaterials,
    int validationMaterials,
    int testMaterials,
    int droppedMissingTarget,
    int droppedMissingExtra,
    Standardizer targetScaler,
    Standardizer extraScaler,
    String datasetSha256,
    String graphSettingsKey,
    TrainingConfig config,
    List<EpochProgress> history,
    int resumedFromEpoch,
    boolean stoppedEarly,
    int epochsRun,
    double trainCrystalsPerSecond,
    double trainAtomsPerSecond,
    String backend,
    String device,
    int threads,
    String djlVersion,
    String libtorchVersion,
    String allocator) {

  public TrainingResult {
    history = List.copyOf(history);
  }
}
