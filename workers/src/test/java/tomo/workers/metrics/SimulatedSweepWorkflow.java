package tomo.workers.metrics;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** A small sweep whose trainings only simulate epochs: the workload the metrics tests watch. */
@WorkflowInterface
public interface SimulatedSweepWorkflow {
  /** Trains every cell (at most {@code parallel} at once) and reports the sweep's progress. */
  @WorkflowMethod
  void run(String sweepId, List<SimulatedCell> cells, int parallel);
}
