package tomo.workflows.sweep;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import tomo.workflows.model.GroupProgress;
import tomo.workflows.model.GroupRequest;
import tomo.workflows.model.GroupResult;

/**
 * The trainings of one (target, representation): per seed the baseline, then every property's
 * augmented training in parallel. Runs big groups in chunks and continues as new before its history
 * grows large.
 */
@WorkflowInterface
public interface CellGroupWorkflow {
  @WorkflowMethod
  GroupResult run(GroupRequest request);

  @QueryMethod
  GroupProgress progress();
}
