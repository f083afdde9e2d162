package tomo.workflows.client;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Optional;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.sweep.SweepWorkflow;

/** Starts, watches and steers sweeps; the workflow id is the sweep id. */
public final class SweepClient {
  private final WorkflowClient client;

  public SweepClient(WorkflowClient client) {
    this.client = client;
  }

  /** A started or attached sweep. */
  public record Handle(String sweepId, String runId, boolean attached) {}

  /**
   * Starts sweep {@code sweepId}, or attaches to it when it exists: a running sweep of that id is
   * used as it is (its spec wins), and so is a finished one — it is never started twice.
   */
  public Handle startOrAttach(String sweepId, SweepSpec spec) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(sweepId)
            .setTaskQueue(spec.orchestrationQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .build();
    SweepWorkflow stub = client.newWorkflowStub(SweepWorkflow.class, options);
    try {
      WorkflowExecution execution = WorkflowClient.start(stub::run, spec);
      return new Handle(sweepId, execution.getRunId(), false);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return new Handle(sweepId, e.getExecution().getRunId(), true);
    }
  }

  public SweepProgress progress(String sweepId) {
    return client.newWorkflowStub(SweepWorkflow.class, sweepId).progress();
  }

  public void retryFailed(String sweepId) {
    client.newWorkflowStub(SweepWorkflow.class, sweepId).retryFailed();
  }

  public void retryCell(String sweepId, String cellLabel) {
    client.newWorkflowStub(SweepWorkflow.class, sweepId).retryCell(cellLabel);
  }

  public void cancel(String sweepId, String reason) {
    client.newWorkflowStub(SweepWorkflow.class, sweepId).cancel(reason);
  }

  /** Blocks until the sweep's workflow ends. */
  public SweepResult await(String sweepId) {
    return untyped(sweepId).getResult(SweepResult.class);
  }

  private WorkflowStub untyped(String sweepId) {
    return client.newUntypedWorkflowStub(sweepId, Optional.empty(), Optional.empty());
  }
}
