package tomo.workflows.sweep;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import tomo.hyper.HyperParameters;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;

/** Runs a synthetic sweep with the instant fake trainer and measures it. */
final class SweepScale {
  record Figures(SweepResult result, double wallSeconds, long trainings, long childHistoryEvents) {
    double trainingsPerSecond() {
      return trainings / wallSeconds;
    }

    String line(String name) {
      return String.format(
          "%s: %d trainings in %.1f s = %.0f trainings/s; largest history %d events (limit"
              + " 51,200); status %s",
          name,
          trainings,
          wallSeconds,
          trainingsPerSecond(),
          result.maxHistoryLength(),
          result.status());
    }
  }

  static SweepSpec spec(int targets, int properties, int representations, int seeds) {
    return SweepSpec.builder()
        .name("scale")
        .targets(SweepTestEnvironment.names("t", targets))
        .properties(SweepTestEnvironment.names("p", properties))
        .representations(
            List.of(Representation.STRUCTURE, Representation.COMPOSITION)
                .subList(0, representations))
        .seeds(java.util.stream.IntStream.range(0, seeds).boxed().toList())
        .hyper(HyperParameters.paper(1))
        .baseline(BaselineMode.SHARED)
        .artifactDir("artifacts")
        .retryWindowMinutes(0)
        .heartbeatSeconds(30)
        // the figures are of the grid as given; the null control is tested on its own
        .nullControl(NullControl.NONE)
        .build()
        .normalized("scale");
  }

  static Figures run(SweepTestEnvironment t, String sweepId, SweepSpec spec) {
    long start = System.nanoTime();
    t.sweeps.startOrAttach(sweepId, spec);
    SweepResult result = t.sweeps.await(sweepId);
    double wall = (System.nanoTime() - start) / 1e9;
    long sweepEvents = t.client.fetchHistory(sweepId).getEvents().size();
    return new Figures(result, wall, spec.trainingCount(), sweepEvents);
  }

  /** Whether the latest run of a workflow was started by continue-as-new. */
  static boolean continuedAsNew(WorkflowClient client, String workflowId) {
    WorkflowExecutionHistory history = client.fetchHistory(workflowId);
    HistoryEvent first = history.getEvents().get(0);
    return !first
        .getWorkflowExecutionStartedEventAttributes()
        .getContinuedExecutionRunId()
        .isEmpty();
  }
}
