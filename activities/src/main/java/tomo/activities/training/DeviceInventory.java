package tomo.activities.training;

import ai.djl.engine.Engine;
import java.lang.management.ManagementFactory;

/**
 * What a training worker can run trainings on: its cores, its CUDA devices and its memory. The seam
 * where tests fake a machine (two GPUs, 64 cores) to check how trainings are laid out on it.
 */
public interface DeviceInventory {
  /** Cores this process may use. */
  int cpuCores();

  /** CUDA devices the engine sees (ids 0 .. n-1); 0 for the CPU build of libtorch. */
  int gpuCount();

  /** Physical memory of the machine in bytes. */
  long memoryBytes();

  /** This machine; GPUs are counted (which loads libtorch) only when asked for. */
  static DeviceInventory local() {
    return new DeviceInventory() {
      @Override
      public int cpuCores() {
        return Runtime.getRuntime().availableProcessors();
      }

      @Override
      public int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
      }

      @Override
      public long memoryBytes() {
        return ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
      }
    };
  }

  /** A fixed machine (tests, and planning for machines other than this one). */
  static DeviceInventory of(int cpuCores, int gpuCount, long memoryBytes) {
    return new DeviceInventory() {
      @Override
      public int cpuCores() {
        return cpuCores;
      }

      @Override
      public int gpuCount() {
        return gpuCount;
      }

      @Override
      public long memoryBytes() {
        return memoryBytes;
      }
    };
  }
}
