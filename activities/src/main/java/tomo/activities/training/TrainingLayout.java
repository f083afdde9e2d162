package tomo.activities.training;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * How a training worker lays K concurrent trainings onto its machine: K slots, each with a device
 * and intra-op threads.
 *
 * <p>Why several trainings rather than one with every core: CGCNN's graphs are small, so libtorch's
 * parallel kernels scale poorly (2 intra-op threads train 1.34–1.60× as fast as 1 on the 2-core
 * machines measured), while independent trainings on one thread each scale with the cores
 * (bench/README.md, "Concurrent trainings"). The same holds for a GPU: one small model leaves most
 * of it idle, so several trainings share each device.
 *
 * @param slots one per concurrent training
 * @param gpus the CUDA devices used, empty on a CPU worker
 */
public record TrainingLayout(List<TrainingSlot> slots, List<Integer> gpus) {
  /**
   * Trainings per GPU with {@code --concurrency auto}: small models need several to fill a device.
   * Not measured on a GPU yet (bench/gpu_check.sh measures K = 1, 2, 4, 8); each also needs a host
   * core for its step loop and batch packing, so fewer where cores are scarce.
   */
  public static final int AUTO_PER_GPU = 4;

  /**
   * Memory one CPU training is allowed for in {@code auto} (resident memory of a whole worker with
   * one training on 10,000 materials: ~1.5 GiB, JVM and dataset included), so a many-core,
   * small-memory machine runs fewer trainings rather than swapping.
   */
  public static final long AUTO_BYTES_PER_TRAINING = 3L << 29;

  public TrainingLayout {
    slots = List.copyOf(slots);
    gpus = List.copyOf(gpus);
    if (slots.isEmpty()) {
      throw new IllegalArgumentException("a training layout needs at least one slot");
    }
  }

  /** One training at a time on the CPU with {@code threads} intra-op threads (0: every core). */
  public static TrainingLayout single(int threads) {
    int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return new TrainingLayout(List.of(new TrainingSlot(0, OptionalInt.empty(), t)), List.of());
  }

  /**
   * The layout for a machine.
   *
   * <p>CPU: {@code auto} runs one training per core with one intra-op thread each (fewer when
   * memory allows fewer, see {@link #AUTO_BYTES_PER_TRAINING}); a fixed K gives each training cores
   * / K threads. GPU: K trainings per listed device ({@code auto}: {@link #AUTO_PER_GPU}, at most
   * one per host core), pinned round-robin, each with cores / (K × devices) host threads. {@code
   * threadsPerTraining} overrides the threads (and, with {@code auto} on the CPU, K becomes cores /
   * threads).
   */
  public static TrainingLayout plan(
      DeviceInventory machine,
      Concurrency concurrency,
      OptionalInt threadsPerTraining,
      GpuSelection gpuSelection) {
    int cores = Math.max(1, machine.cpuCores());
    if (threadsPerTraining.isPresent() && threadsPerTraining.getAsInt() < 1) {
      throw new IllegalArgumentException(
          "--threads-per-training must be >= 1, got " + threadsPerTraining.getAsInt());
    }
    List<TrainingSlot> slots = new ArrayList<>();
    if (gpuSelection.none()) {
      int k;
      if (concurrency.auto()) {
        k = threadsPerTraining.isPresent() ? cores / threadsPerTraining.getAsInt() : cores;
        long byMemory = machine.memoryBytes() / AUTO_BYTES_PER_TRAINING;
        k = (int) Math.max(1, Math.min(k, byMemory));
      } else {
        k = concurrency.count();
      }
      int threads = threadsPerTraining.orElse(Math.max(1, cores / k));
      for (int i = 0; i < k; i++) {
        slots.add(new TrainingSlot(i, OptionalInt.empty(), threads));
      }
      return new TrainingLayout(slots, List.of());
    }
    List<Integer> gpus = gpuSelection.resolve(machine.gpuCount());
    int perGpu =
        concurrency.auto()
            ? Math.max(1, Math.min(AUTO_PER_GPU, cores / gpus.size()))
            : concurrency.count();
    int k = perGpu * gpus.size();
    int threads = threadsPerTraining.orElse(Math.max(1, cores / k));
    // round-robin, so that the first trainings of a half-busy worker land on different devices
    for (int i = 0; i < k; i++) {
      slots.add(new TrainingSlot(i, OptionalInt.of(gpus.get(i % gpus.size())), threads));
    }
    return new TrainingLayout(slots, gpus);
  }

  /** Trainings at once (K). */
  public int concurrency() {
    return slots.size();
  }

  /** Intra-op threads of each training (the same for every slot). */
  public int threadsPerTraining() {
    return slots.get(0).threads();
  }

  /** One line for the start of a worker: K, threads, devices. */
  public String describe() {
    return concurrency()
        + (concurrency() == 1 ? " training" : " trainings")
        + " at once, "
        + threadsPerTraining()
        + " intra-op thread"
        + (threadsPerTraining() == 1 ? "" : "s")
        + " each, on "
        + (gpus.isEmpty()
            ? "the CPU"
            : "GPU " + String.join(",", gpus.stream().map(String::valueOf).toList()));
  }
}
