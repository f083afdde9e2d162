package tomo.workflows.sweep;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import tomo.workflows.model.GroupProgress;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;

/**
 * A whole sweep: prepares the dataset, runs one {@link CellGroupWorkflow} child per (target,
 * representation), then aggregates and renders the report. When cells failed it waits (up to the
 * spec's retry window) for a retry signal, re-runs only those cells and reports again. The workflow
 * id is the sweep id.
 */
@WorkflowInterface
public interface SweepWorkflow {
  /** Signal name children report progress with. */
  String GROUP_PROGRESS_SIGNAL = "groupProgress";

  @WorkflowMethod
  SweepResult run(SweepSpec spec);

  /** Trainings done / running / failed / pending and an ETA. */
  @QueryMethod
  SweepProgress progress();

  /** Re-run every failed training (after the current round ends). */
  @SignalMethod
  void retryFailed();

  /** Re-run one failed cell, named as {@code target/property/representation/seed}. */
  @SignalMethod
  void retryCell(String cellLabel);

  /** Stop: cancels running trainings; finished ones stay in the artifact store. */
  @SignalMethod
  void cancel(String reason);

  /** Progress of a child group (sent by the children, not by people). */
  @SignalMethod(name = GROUP_PROGRESS_SIGNAL)
  void groupProgress(GroupProgress update);
}
