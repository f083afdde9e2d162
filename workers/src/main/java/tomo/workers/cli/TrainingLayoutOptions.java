package tomo.workers.cli;

import java.util.OptionalInt;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.TrainingLayout;

/**
 * The options of a process that trains: how many trainings at once, their threads and devices. Mix
 * in with {@code @Mixin TrainingLayoutOptions layout;}.
 */
public final class TrainingLayoutOptions {
  @Option(
      names = "--concurrency",
      paramLabel = "K|auto",
      converter = ConcurrencyConverter.class,
      defaultValue = "auto",
      description =
          "Trainings run at once by this process (per GPU with --gpus); auto: one per core with one"
              + " intra-op thread each on the CPU, "
              + TrainingLayout.AUTO_PER_GPU
              + " per GPU (default ${DEFAULT-VALUE}).")
  Concurrency concurrency = Concurrency.AUTO;

  @Option(
      names = "--threads-per-training",
      paramLabel = "N",
      description = "libtorch intra-op threads of each training (default: cores / trainings).")
  Integer threadsPerTraining;

  @Option(
      names = "--gpus",
      paramLabel = "all|0,1,..",
      converter = GpuConverter.class,
      description =
          "Train on these CUDA devices (needs the -Pcuda build), --concurrency trainings on each;"
              + " default: the CPU.")
  GpuSelection gpus = GpuSelection.NONE;

  /** The layout on this machine. */
  public TrainingLayout plan() {
    return plan(DeviceInventory.local());
  }

  /** The layout on {@code machine}. */
  public TrainingLayout plan(DeviceInventory machine) {
    return TrainingLayout.plan(
        machine,
        concurrency,
        threadsPerTraining == null ? OptionalInt.empty() : OptionalInt.of(threadsPerTraining),
        gpus);
  }

  static final class ConcurrencyConverter implements ITypeConverter<Concurrency> {
    @Override
    public Concurrency convert(String value) {
      return Concurrency.parse(value);
    }
  }

  static final class GpuConverter implements ITypeConverter<GpuSelection> {
    @Override
    public GpuSelection convert(String value) {
      return GpuSelection.parse(value);
    }
  }
}
