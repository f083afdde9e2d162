package tomo.cgcnn;

/**
 * Where one CGCNN training runs: nothing here changes what is learned (beyond the last bits of
 * floating-point reductions), so a checkpoint resumes under any runtime.
 *
 * @param threads intra-op threads of the engine; 0 leaves the engine's default
 * @param useGpu put every tensor on the first GPU when the engine has one
 */
public record TrainingRuntime(int threads, boolean useGpu) {

  /** The engine's default threads, on the CPU. */
  public static final TrainingRuntime DEFAULT = new TrainingRuntime(0, false);

  public TrainingRuntime {
    if (threads < 0) {
      throw new IllegalArgumentException("training needs threads >= 0, got " + threads);
    }
  }

  public TrainingRuntime withThreads(int value) {
    return new TrainingRuntime(value, useGpu);
  }
}
