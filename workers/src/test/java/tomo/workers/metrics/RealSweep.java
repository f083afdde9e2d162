package tomo.workers.metrics;

import io.temporal.client.WorkflowClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.hyper.HyperParameters;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TomoWorkerOptions;
import tomo.workers.temporal.TomoWorkers;
import tomo.workers.temporal.TrainerChoice;
import tomo.workflows.TaskQueues;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainerKind;

/**
 * A small real tomo sweep (SweepWorkflow, cell groups, training activity with the synthetic
 * trainer) on the embedded Temporal server, in a process-like unit with its own /metrics, wired as
 * {@code tomo demo} wires it.
 */
final class RealSweep implements AutoCloseable {
  static final String ID = "real-sweep";

  private final EmbeddedServer server;
  private final ProcessMetrics metrics;
  private final TomoWorkers workers;
  private final SweepClient sweeps;

  private RealSweep(Path artifacts) {
    server = new EmbeddedServer(0);
    metrics = ProcessMetrics.start(new MetricsOptions("127.0.0.1", 0));
    metrics.tomo().trainings().slots(TaskQueues.TRAINING, 2);
    WorkflowClient client =
        TemporalOptions.connect(server.target(), "default", metrics.temporalScope());
    workers =
        new TomoWorkers(
            client,
            TomoWorkerOptions.builder()
                .orchestration(PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                .training(
                    new MeteredCellTrainer(
                        TrainerChoice.synthetic.create(Duration.ofMillis(40), 2),
                        metrics.tomo().trainings(),
                        TaskQueues.TRAINING),
                    2)
                .renderHeatmaps(false)
                .disableSticky(true)
                .build());
    sweeps = new SweepClient(client);
    SweepSpec spec =
        SweepSpec.builder()
            .name("live")
            .targets(List.of("band_gap", "formation_energy_per_atom"))
            .properties(List.of("volume", "density"))
            .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
            .seeds(List.of(0, 1))
            .hyper(HyperParameters.paper(4))
            .baseline(BaselineMode.SHARED)
            .limit(200)
            .artifactDir(artifacts.toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(10)
            .build()
            .withTrainer(TrainerKind.SYNTHETIC)
            .normalized("live");
    sweeps.startOrAttach(ID, spec);
  }

  /** Starts the sweep; returns at once. */
  static RealSweep start(Path artifacts) {
    return new RealSweep(artifacts);
  }

  int port() {
    return metrics.server().orElseThrow().port();
  }

  void await() {
    sweeps.await(ID);
  }

  @Override
  public void close() {
    workers.close();
    metrics.close();
    server.close();
  }
}
