package tomo.cgcnn;

/**
 * Where and how fast one training ran: throughput figures are only comparable with the same engine,
 * device, threads and allocator.
 *
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
public record TrainingEnvironment(
    double trainCrystalsPerSecond,
    double trainAtomsPerSecond,
    String backend,
    String device,
    int threads,
    String djlVersion,
    String libtorchVersion,
    String allocator) {}
