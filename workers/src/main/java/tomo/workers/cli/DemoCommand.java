package tomo.workers.cli;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import tomo.activities.airflow.AirflowConfig;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.orchestration.SweepPreflight;
import tomo.activities.training.TrainingLayout;
import tomo.workers.metrics.MeteredCellTrainer;
import tomo.workers.metrics.MetricsOptions;
import tomo.workers.metrics.MetricsServer;
import tomo.workers.metrics.ProcessMetrics;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TomoWorkerOptions;
import tomo.workers.temporal.TomoWorkers;
import tomo.workers.temporal.TrainerChoice;
import tomo.workflows.TaskQueues;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

/**
 * {@code tomo demo}: in one JVM, Temporal's test server, both workers and a small sweep on the
 * shared dataset, ending with the report's location.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Embedded Temporal server + both workers + a small sweep (2 targets x 3 properties and"
            + " the null control x 2 representations x 2 seeds on a random sample of 1,000"
            + " materials); prints where the heatmaps and Table 1 are.")
public final class DemoCommand implements Callable<Integer> {
  /** Reads {@code --protocol} as specs spell it ({@code tomo}, {@code paper}, {@code finetune}). */
  static final class ProtocolConverter implements ITypeConverter<Protocol> {
    @Override
    public Protocol convert(String value) {
      try {
        return Protocol.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Materials of the demo: a seeded uniform random sample of the dataset. */
  static final int DEMO_SAMPLE = 1000;

  /** Seed of that sample. */
  static final long DEMO_SAMPLE_SEED = 2020;

  @Option(names = "--dataset", description = "Dataset (default: the shared one).")
  Path dataset;

  @Option(
      names = "--artifacts",
      defaultValue = "tomo-artifacts",
      description = "Artifact store directory (default ${DEFAULT-VALUE}).")
  Path artifacts;

  @Option(
      names = "--trainer",
      defaultValue = "cgcnn",
      description = "Trainer: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
  TrainerChoice trainer;

  @Option(
      names = "--spec",
      description =
          "Run this sweep spec (YAML or JSON) in place of the demo's, in the same embedded server"
              + " and workers; its name is the sweep id, its artifactDir the store. --epochs and"
              + " --protocol then come from the spec.")
  Path specFile;

  @Option(names = "--epochs", defaultValue = "3", description = "Epochs per training.")
  int epochs;

  @Option(
      names = "--protocol",
      defaultValue = "tomo",
      converter = ProtocolConverter.class,
      description = "Protocol: tomo, paper or finetune (experimental) (default ${DEFAULT-VALUE}).")
  Protocol protocol;

  @Option(
      names = "--epoch-pause-ms",
      defaultValue = "100",
      description = "Synthetic trainer: ms per epoch.")
  long epochPauseMillis;

  @Mixin TrainingLayoutOptions layoutOptions;

  @Mixin MetricsOptions metricsOptions;

  @Override
  public Integer call() throws Exception {
    SweepSpec spec =
        specFile != null
            ? SweepPreflight.check(SweepCommand.readSpec(specFile), dataset, specFile.toString())
            : demoSpec();
    String sweepId = spec.name();
    // a spec names its trainer, and the worker must run that one
    TrainerChoice trainer = TrainerChoice.valueOf(spec.training().trainer().toString());
    TrainingLayout layout = layoutOptions.plan();
    System.out.println(
        "tomo demo: "
            + spec.trainingCount()
            + " trainings ("
            + spec.grid().cellCount()
            + " cells + their baselines), trainer "
            + trainer
            + ", "
            + layout.describe());
    System.out.println("tomo demo: " + SweepCommand.protocolLine(spec));
    try (EmbeddedServer server = new EmbeddedServer(0);
        ProcessMetrics metrics =
            ProcessMetrics.start(metricsOptions, MetricsServer.EMBEDDED_PORT)) {
      metrics.server().ifPresent(s -> System.out.println("tomo demo: metrics at " + s.uri()));
      metrics
          .tomo()
          .trainings()
          .layout(TaskQueues.TRAINING, layout.concurrency(), layout.threadsPerTraining());
      WorkflowClient client =
          TemporalOptions.connect(server.target(), "default", metrics.temporalScope());
      TomoWorkerOptions.Builder options =
          TomoWorkerOptions.builder()
              .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
              .training(
                  new MeteredCellTrainer(
                      trainer.create(
                          Duration.ofMillis(epochPauseMillis),
                          layout,
                          metrics.tomo().preparation()),
                      metrics.tomo().trainings(),
                      TaskQueues.TRAINING),
                  layout)
              .defaultDataset(dataset)
              .disableSticky(true);
      // a spec with hooks runs them in the demo too, as on a worker
      AirflowConfig.fromEnvironmentIfSet(System.getenv()).ifPresent(options::airflow);
      try (TomoWorkers workers = new TomoWorkers(client, options.build())) {
        SweepClient sweeps = new SweepClient(client);
        sweeps.startOrAttach(sweepId, spec);
        SweepProgress last = ProgressPrinter.watch(() -> sweeps.progress(sweepId), System.out);
        if (last.status() == SweepStatus.FAILED) {
          ProgressPrinter.details(last, System.out);
          return 2;
        }
        SweepResult result = sweeps.await(sweepId);
        ProgressPrinter.details(last, System.out);
        if (result.reportDir() != null) {
          ReportCommand.printFiles(Path.of(result.reportDir()));
          System.out.println(
              "tomo demo: open "
                  + Path.of(result.reportDir()).resolve("report.html").toUri()
                  + " in a browser");
        }
        return result.failed() == 0 ? 0 : 2;
      }
    }
  }

  /** The demo's own sweep: 2 targets × 3 properties × 2 representations × 2 seeds, sampled. */
  private SweepSpec demoSpec() {
    return SweepSpec.builder()
        .name("demo")
        .dataset(dataset == null ? null : dataset.toString())
        .targets(List.of("band_gap", "formation_energy_per_atom"))
        .properties(List.of("volume", "total_magnetization", "spacegroup.number"))
        .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
        .seeds(List.of(0, 1))
        .hyper(protocol.hyper(epochs))
        .protocol(protocol)
        .artifactDir(artifacts.toAbsolutePath().toString())
        .retryWindowMinutes(0)
        .heartbeatSeconds(10)
        // the file is sorted by material id: its first rows are not a sample of it
        .sample(DEMO_SAMPLE)
        .sampleSeed(DEMO_SAMPLE_SEED)
        .trainer(trainer.kind())
        .skipMissing(false)
        .build()
        .normalized("demo");
  }
}
