package tomo.workflows.sweep;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import tomo.hyper.HyperParameters;
import tomo.workflows.TaskQueues;
import tomo.workflows.activity.PrepareActivities;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.client.SweepClient;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.plugin.OrchestrationPlugin;
import tomo.workflows.plugin.TrainingPlugin;

/** An in-process Temporal test server with tomo's two workers, wired through the plugins. */
final class SweepTestEnvironment implements AutoCloseable {
  final FakeTraining training = new FakeTraining();
  final AtomicInteger reports = new AtomicInteger();
  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final SweepClient sweeps;

  SweepTestEnvironment() {
    this(null);
  }

  /** With the sweep hooks' activities registered beside prepare and report (null: none). */
  SweepTestEnvironment(AirflowHookActivities hooks) {
    PrepareActivities prepare =
        spec -> new PreparedDataset("memory.csv", "abc123", 1000, List.of());
    ReportActivities report =
        new ReportActivities() {
          @Override
          public ReportSummary aggregate(String sweepId, SweepSpec spec, PreparedDataset data) {
            return new ReportSummary("reports/" + sweepId, training.done.size(), 0, List.of());
          }

          @Override
          public ReportSummary render(String sweepId, SweepSpec spec, ReportSummary aggregated) {
            reports.incrementAndGet();
            return aggregated;
          }
        };
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setPlugins(
                            hooks == null
                                ? new OrchestrationPlugin(
                                    TaskQueues.ORCHESTRATION, true, prepare, report)
                                : new OrchestrationPlugin(
                                    TaskQueues.ORCHESTRATION, true, prepare, report, hooks),
                            new TrainingPlugin(TaskQueues.TRAINING, 100, training))
                        .build())
                .build());
    env.newWorker(TaskQueues.ORCHESTRATION);
    env.newWorker(TaskQueues.TRAINING);
    env.start();
    client = env.getWorkflowClient();
    sweeps = new SweepClient(client);
  }

  static SweepSpec spec(int targets, int properties, int seeds, BaselineMode mode) {
    List<String> t = names("t", targets);
    List<String> p = names("p", properties);
    List<Integer> s = java.util.stream.IntStream.range(0, seeds).boxed().toList();
    return SweepSpec.builder()
        .name("test")
        .targets(t)
        .properties(p)
        .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
        .seeds(s)
        .hyper(HyperParameters.paper(3))
        .baseline(mode)
        .artifactDir("artifacts")
        .retryWindowMinutes(60)
        .heartbeatSeconds(5)
        // the grids here count orchestration; the null control has its own test
        .nullControl(NullControl.NONE)
        .build()
        .normalized("test");
  }

  static List<String> names(String prefix, int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
  }

  @Override
  public void close() {
    env.close();
  }
}
