package tomo.workers.cli;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tomo.activities.dataset.DatasetRows;
import tomo.activities.estimate.CalibrationTraining;
import tomo.activities.estimate.MeasuredTraining;
import tomo.activities.estimate.SweepEstimate;
import tomo.activities.estimate.SweepWorkload;
import tomo.activities.estimate.Throughput;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.TrainerIds;
import tomo.activities.training.TrainingLayout;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TrainingQueuePollers;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.SweepSpec;

/**
 * {@code tomo sweep estimate --spec FILE}: what a sweep costs before it starts — trainings (and how
 * many the artifact store already holds), epochs, crystal- and atom-epochs — and its predicted wall
 * time on the training workers that are up, at their measured speed or, before any has stored a
 * training, at the speed of a short calibration training in this process.
 */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description =
        "Trainings (after memoization), epochs, crystal- and atom-epochs of a sweep, and its"
            + " predicted wall time on the training workers that are up.")
final class SweepEstimateCommand implements Callable<Integer> {
  @Mixin TemporalOptions temporal;

  @Option(names = "--spec", required = true, description = "Sweep spec, YAML or JSON.")
  Path spec;

  @Option(
      names = "--offline",
      description = "Do not ask Temporal which training workers are up: predict for this machine.")
  boolean offline;

  @Option(
      names = "--workers",
      description = "Predict for this many training workers (instead of those Temporal sees).")
  Integer workers;

  @Option(
      names = "--no-calibration",
      description = "Never run a calibration training: without a measured speed, no wall time.")
  boolean noCalibration;

  @Option(
      names = "--calibration-materials",
      defaultValue = "" + CalibrationTraining.DEFAULT_MATERIALS,
      description = "Materials of the calibration training (default ${DEFAULT-VALUE}).")
  int calibrationMaterials;

  @Option(
      names = "--calibration-epochs",
      defaultValue = "" + CalibrationTraining.DEFAULT_EPOCHS,
      description =
          "Epochs of the calibration training; the first is warm-up, not counted (default"
              + " ${DEFAULT-VALUE}).")
  int calibrationEpochs;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "Intra-op threads of the calibration training (default: what the training workers that"
              + " are up give each training, or else what a training worker on this machine gives"
              + " it with --concurrency auto; with no such workers, also their"
              + " --threads-per-training).")
  Integer threads;

  @Option(names = "--json", description = "Print the estimate as JSON, for scripts.")
  boolean json;

  @Option(
      names = "--protocol",
      split = ",",
      paramLabel = "P",
      converter = DemoCommand.ProtocolConverter.class,
      description =
          "Also count the same grid, data and epochs under these protocols (tomo, paper, finetune),"
              + " comma-separated, and predict each at the same speed.")
  List<Protocol> protocols = List.of();

  @Override
  public Integer call() throws IOException {
    SweepSpec parsed = SweepCommand.readSpec(spec);
    Dataset dataset = readDataset(parsed);
    SweepWorkload workload = SweepWorkload.count(parsed, dataset, trainerId(parsed));
    Throughput throughput = throughput(parsed, dataset, workload);
    SweepEstimate estimate = SweepEstimate.of(workload, throughput);
    Map<Protocol, SweepEstimate> byProtocol = new LinkedHashMap<>();
    for (Protocol p : protocols) {
      SweepSpec under = parsed.underProtocol(p);
      byProtocol.put(
          p, SweepEstimate.of(SweepWorkload.count(under, dataset, trainerId(under)), throughput));
    }
    SweepEstimate most = null;
    if (parsed.grid().moreSeeds() != null) {
      // adaptive seeds: the estimate above is the least (no cell extended); this the most
      SweepSpec every = parsed.withEveryAdaptiveSeed();
      most = SweepEstimate.of(SweepWorkload.count(every, dataset, trainerId(every)), throughput);
    }
    if (json) {
      System.out.println(EstimateOutput.json(parsed, dataset, estimate, byProtocol, most));
    } else {
      EstimateOutput.table(parsed, dataset, estimate, System.out);
      EstimateOutput.adaptive(parsed, estimate, most, System.out);
      EstimateOutput.protocols(byProtocol, System.out);
    }
    return 0;
  }

  /**
   * The one line {@code sweep start} prints: the workload and, when the store holds measured
   * trainings of the sweep, the predicted wall time on the training workers Temporal sees (one when
   * it cannot tell). It never runs a calibration (that would delay the start and take the cores
   * from training workers on this machine) and never fails the start: a problem becomes the line's
   * text.
   */
  static String startLine(SweepSpec spec, TemporalOptions temporal) {
    try {
      return startLine(spec, readDataset(spec), temporal);
    } catch (RuntimeException e) {
      return "estimate: not available (" + e.getMessage() + ")";
    }
  }

  /** The same on a dataset already read with {@link DatasetRows#readOptions}. */
  static String startLine(SweepSpec spec, Dataset dataset, TemporalOptions temporal) {
    try {
      SweepWorkload workload = SweepWorkload.count(spec, dataset, trainerId(spec));
      Throughput measured = null;
      if (!workload.measured().isEmpty()) {
        TrainingQueuePollers.Seen seen = TrainingQueuePollers.Seen.unknown("not asked");
        if (temporal != null) {
          WorkflowClient client = temporal.connect();
          seen = TrainingQueuePollers.ask(client, spec.runtime().trainingQueue(), 5);
          client.getWorkflowServiceStubs().shutdownNow();
        }
        int workers = seen.known() && seen.workers() > 0 ? seen.workers() : 1;
        measured = measured(workload, workers, workers + " worker(s)");
      }
      SweepEstimate e = SweepEstimate.of(workload, measured);
      return "estimate: "
          + workload.all().trainings()
          + " trainings ("
          + workload.alreadyDone()
          + " already done"
          + (workload.untrainable().trainings() > 0
              ? ", " + workload.untrainable().trainings() + " cannot train on this data"
              : "")
          + "), "
          + EstimateOutput.sci(workload.remaining().atomEpochs())
          + " atom-epochs to train"
          + (measured == null
              ? "; no measured speed yet (tomo sweep estimate calibrates)"
              : ", ~"
                  + EstimateOutput.duration(e.predictedSeconds())
                  + " on "
                  + measured.workers()
                  + " training worker(s) at the measured speed");
    } catch (RuntimeException e) {
      return "estimate: not available (" + e.getMessage() + ")";
    }
  }

  // the sweep's trainer; the content hashes of its stored trainings carry this id
  private static String trainerId(SweepSpec spec) {
    return TrainerIds.of(spec.training().trainer());
  }

  private static Dataset readDataset(SweepSpec spec) {
    Path file =
        spec.data().dataset() != null
            ? Path.of(spec.data().dataset())
            : DatasetLocation.resolve(null);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("sweep spec field 'dataset': file " + file + " not found");
    }
    return DatasetReader.read(file, DatasetRows.readOptions(spec.data().selection()));
  }

  private Throughput throughput(SweepSpec parsed, Dataset dataset, SweepWorkload workload) {
    if (workers != null && workers < 1) {
      throw new IllegalArgumentException("--workers: expected at least 1, got " + workers);
    }
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads: expected at least 1, got " + threads);
    }
    // what a training worker started here with --concurrency auto (and --threads-per-training
    // as --threads) would run
    TrainingLayout local =
        TrainingLayout.plan(
            DeviceInventory.local(),
            Concurrency.AUTO,
            threads == null ? OptionalInt.empty() : OptionalInt.of(threads),
            GpuSelection.NONE);
    String layoutNote =
        ", each laid out as a training worker on this machine (" + local.describe() + ")";
    int count;
    int perWorker = local.concurrency();
    int calibrationThreads = local.threadsPerTraining();
    int gpuWorkers = 0;
    String workersSource;
    if (workers != null) {
      count = workers;
      workersSource = "--workers " + workers;
    } else if (offline) {
      count = 1;
      workersSource = "this machine (--offline)";
    } else {
      WorkflowClient client = temporal.connect();
      TrainingQueuePollers.Seen seen =
          TrainingQueuePollers.ask(client, parsed.runtime().trainingQueue(), 10);
      client.getWorkflowServiceStubs().shutdownNow();
      if (seen.known() && seen.workers() > 0) {
        count = seen.workers();
        perWorker = seen.slotsPerWorker();
        calibrationThreads = seen.threadsPerTraining().orElse(calibrationThreads);
        gpuWorkers = seen.gpuWorkers();
        workersSource = seen.note() + " at " + temporal.target;
        layoutNote = "";
      } else {
        count = 1;
        workersSource =
            "this machine: "
                + (seen.known()
                    ? "no training worker polling task queue "
                        + parsed.runtime().trainingQueue()
                        + " at "
                        + temporal.target
                    : seen.note() + " at " + temporal.target);
      }
    }
    if (threads != null) {
      calibrationThreads = threads;
    }
    Throughput measured = measured(workload, count, workersSource);
    if (measured != null || noCalibration) {
      return measured;
    }
    // the first target the data has values of (a spec may name targets this dataset lacks)
    String target =
        parsed.grid().targets().stream()
            .filter(t -> dataset.rows().stream().filter(r -> r.value(t).isPresent()).count() >= 10)
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "cannot calibrate: no target of the spec has 10 materials with values in "
                            + dataset.source()));
    CalibrationTraining.Result c =
        CalibrationTraining.run(
            dataset,
            target,
            parsed.grid().representations().get(0),
            parsed.training().hyper(),
            calibrationMaterials,
            calibrationEpochs,
            calibrationThreads);
    return new Throughput(
        c.atomsPerSecond(),
        count,
        perWorker,
        String.format(
                Locale.ROOT,
                "calibration training in this process: %s (%s) on %d random materials of the sweep,"
                    + " %d epochs (first not counted), %d intra-op thread(s), %s, alone (beside"
                    + " others on the other cores a training runs 2-5 %% slower)",
                c.target(),
                c.representation(),
                c.materials(),
                c.epochs(),
                c.threads(),
                c.device())
            + (gpuWorkers > 0
                ? "; "
                    + gpuWorkers
                    + " of the workers train on GPUs, which this CPU figure does not"
                    + " describe: expect them to take less time"
                : ""),
        workersSource + layoutNote);
  }

  /** The median speed of the sweep's stored trainings, or null when none was measured. */
  private static Throughput measured(SweepWorkload workload, int count, String workersSource) {
    List<MeasuredTraining> m = workload.measured();
    if (m.isEmpty()) {
      return null;
    }
    double[] speeds = m.stream().mapToDouble(MeasuredTraining::atomsPerSecond).sorted().toArray();
    int[] together = m.stream().mapToInt(MeasuredTraining::concurrentTrainings).sorted().toArray();
    MeasuredTraining typical = m.get(0);
    return new Throughput(
        speeds[speeds.length / 2],
        count,
        together[together.length / 2],
        String.format(
            Locale.ROOT,
            "measured: median of %d stored trainings of this sweep (%d intra-op thread(s), %s)",
            m.size(),
            typical.threads(),
            typical.device()),
        workersSource);
  }
}
