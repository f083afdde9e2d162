package tomo.activities.store;

import java.util.Objects;

/**
 * Where and with what a training ran: the machine's device and engine, which a CPU and a GPU worker
 * answering the same request differ in.
 *
 * @param backend the engine's device type ({@code CPU}, {@code GPU})
 * @param device the engine's device ({@code cpu()}, {@code gpu(0)})
 * @param threads intra-op threads the training ran with
 * @param concurrency trainings the worker ran at once (throughput and memory depend on it); {@code
 *     null}: not recorded (files written before 2026-12-01)
 * @param allocator the native memory allocator ({@code tcmalloc}, {@code glibc}, …)
 * @param djlVersion the DJL version
 * @param libtorchVersion the libtorch version
 */
public record RunEnvironment(
    String backend,
    String device,
    int threads,
    Integer concurrency,
    String allocator,
    String djlVersion,
    String libtorchVersion) {

  public RunEnvironment {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(allocator, "allocator");
    Objects.requireNonNull(djlVersion, "djlVersion");
    Objects.requireNonNull(libtorchVersion, "libtorchVersion");
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }
    if (concurrency != null && concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
    }
  }
}
