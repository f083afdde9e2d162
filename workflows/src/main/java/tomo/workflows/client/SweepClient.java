package tomo.workflows.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.HistoryEventFilterType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.sweep.SweepSearchAttributes;
import tomo.workflows.sweep.SweepSummaries;
import tomo.workflows.sweep.SweepWorkflow;

/**
 * Starts, watches and steers sweeps; the workflow id is the sweep id. What cannot be done (server
 * unreachable, no such sweep, a sweep that has ended, a sweep that failed) is a {@link
 * SweepRequestException} whose message says so in words.
 */
public final class SweepClient {
  /** How long one call to the service may take before the server counts as unreachable. */
  private static final long RPC_SECONDS = 15;

  /** How long a worker may take to answer the query of a closed sweep. */
  private static final long CLOSED_QUERY_SECONDS = 5;

  private final WorkflowClient client;

  public SweepClient(WorkflowClient client) {
    this.client = client;
  }

  /** A started or attached sweep. */
  public record Handle(String sweepId, String runId, boolean attached) {}

  /**
   * Starts sweep {@code sweepId}, or attaches to it when it exists: a running sweep of that id is
   * used as it is (its spec wins), and so is a finished one — it is never started twice. A sweep
   * that failed (or was terminated or timed out) is started anew: the input was presumably fixed,
   * and the trainings it stored are not trained again.
   */
  public Handle startOrAttach(String sweepId, SweepSpec spec) {
    // what the Temporal UI and `temporal workflow list --query` show of the sweep
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(sweepId)
            .setTaskQueue(spec.runtime().orchestrationQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY)
            .setWorkflowIdConflictPolicy(
                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
            .setStaticSummary(SweepSummaries.sweep(sweepId, spec))
            .setTypedSearchAttributes(
                SearchAttributes.newBuilder()
                    .set(SweepSearchAttributes.SWEEP, sweepId)
                    .set(SweepSearchAttributes.STATE, SweepStatus.PREPARING.label())
                    .set(SweepSearchAttributes.FAILED_CELLS, 0L)
                    .build())
            .build();
    SweepWorkflow stub = client.newWorkflowStub(SweepWorkflow.class, options);
    // the SDK retries an unreachable server for a minute before it says anything; ask once first
    call(
        () ->
            stubs()
                .blockingStub()
                .withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS)
                .describeNamespace(
                    DescribeNamespaceRequest.newBuilder().setNamespace(namespace()).build()),
        "namespace '" + namespace() + "'");
    call(
        () -> SearchAttributeRegistration.ensure(stubs(), namespace()),
        "namespace '" + namespace() + "'");
    try {
      WorkflowExecution execution = call(() -> WorkflowClient.start(stub::run, spec), sweepId);
      return new Handle(sweepId, execution.getRunId(), false);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return new Handle(sweepId, e.getExecution().getRunId(), true);
    }
  }

  /**
   * Where the sweep stands. A running sweep answers the progress query; one that has ended is read
   * from its closed execution when the query cannot say how it ended (no worker to answer, or it
   * was terminated or timed out), so a failed sweep always shows as {@link SweepStatus#FAILED} with
   * its cause.
   */
  public SweepProgress progress(String sweepId) {
    WorkflowExecutionStatus execution = executionStatus(sweepId);
    if (execution == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      try {
        return client.newWorkflowStub(SweepWorkflow.class, sweepId).progress();
      } catch (RuntimeException e) {
        Status status = grpcStatus(e);
        if (status == null || status.getCode() != Status.Code.DEADLINE_EXCEEDED) {
          throw translate(e, sweepId);
        }
        // the server answered the status call just before: what did not answer is the worker
        throw new SweepRequestException(
            "the orchestration worker of sweep "
                + sweepId
                + " did not answer its progress query in time (is a `tomo worker --queue"
                + " orchestration` running for this server, and not overloaded?)",
            false,
            true,
            e);
      }
    }
    try {
      // a closed sweep is queried by replaying it on a worker; without one the query would wait
      // for a minute, so it gets a few seconds and the close event answers otherwise
      SweepProgress p =
          client
              .getOptions()
              .getDataConverter()
              .fromPayloads(
                  0,
                  Optional.of(
                      stubs()
                          .blockingStub()
                          .withDeadlineAfter(CLOSED_QUERY_SECONDS, TimeUnit.SECONDS)
                          .queryWorkflow(
                              QueryWorkflowRequest.newBuilder()
                                  .setNamespace(namespace())
                                  .setExecution(
                                      WorkflowExecution.newBuilder().setWorkflowId(sweepId))
                                  .setQuery(WorkflowQuery.newBuilder().setQueryType("progress"))
                                  .build())
                          .getQueryResult()),
                  SweepProgress.class,
                  SweepProgress.class);
      if (p != null && agrees(p.status(), execution)) {
        return p;
      }
    } catch (RuntimeException noAnswer) {
      // no orchestration worker to replay it: the closed execution still says how it ended
    }
    return closedProgress(sweepId, execution);
  }

  public void retryFailed(String sweepId) {
    requireRunning(sweepId, "retry");
    call(() -> client.newWorkflowStub(SweepWorkflow.class, sweepId).retryFailed(), sweepId);
  }

  public void retryCell(String sweepId, String cellLabel) {
    requireRunning(sweepId, "retry");
    call(() -> client.newWorkflowStub(SweepWorkflow.class, sweepId).retryCell(cellLabel), sweepId);
  }

  public void cancel(String sweepId, String reason) {
    requireRunning(sweepId, "cancel");
    call(() -> client.newWorkflowStub(SweepWorkflow.class, sweepId).cancel(reason), sweepId);
  }

  /**
   * Blocks until the sweep's workflow ends.
   *
   * @throws SweepRequestException with {@link SweepRequestException#sweepFailed()} true when the
   *     sweep failed; its message is the cause
   */
  public SweepResult await(String sweepId) {
    try {
      return call(() -> untyped(sweepId).getResult(SweepResult.class), sweepId);
    } catch (WorkflowFailedException e) {
      throw new SweepRequestException(
          "sweep " + sweepId + " failed: " + closedProgress(sweepId, null).failure(), true, e);
    }
  }

  /** A signal to a sweep that has ended would be lost; say so instead of an id-only error. */
  private void requireRunning(String sweepId, String request) {
    WorkflowExecutionStatus execution = executionStatus(sweepId);
    if (execution != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      SweepProgress p = progress(sweepId);
      throw new SweepRequestException(
          "sweep "
              + sweepId
              + " has ended ("
              + p.status()
              + "); "
              + request
              + " works only while it runs or waits for a retry. "
              + (p.status() == SweepStatus.FAILED
                  ? "Start it again (sweep start with the same --id) once its cause is fixed:"
                  : "Start it again under a new --id:")
              + " its finished trainings are stored and are not trained again.",
          false,
          null);
    }
  }

  private static boolean agrees(SweepStatus status, WorkflowExecutionStatus execution) {
    return switch (execution) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
          status == SweepStatus.COMPLETED
              || status == SweepStatus.COMPLETED_WITH_FAILURES
              || status == SweepStatus.CANCELLED;
      case WORKFLOW_EXECUTION_STATUS_FAILED -> status == SweepStatus.FAILED;
      case WORKFLOW_EXECUTION_STATUS_CANCELED -> status == SweepStatus.CANCELLED;
      default -> false;
    };
  }

  private WorkflowExecutionStatus executionStatus(String sweepId) {
    return call(
        () ->
            stubs()
                .blockingStub()
                .withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS)
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(sweepId))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus(),
        sweepId);
  }

  /**
   * The progress of an ended sweep from its close event: the result of a completed one, the failure
   * of a failed one, the reason of a terminated one.
   */
  private SweepProgress closedProgress(String sweepId, WorkflowExecutionStatus execution) {
    List<HistoryEvent> events =
        call(
            () ->
                stubs()
                    .blockingStub()
                    .withDeadlineAfter(RPC_SECONDS, TimeUnit.SECONDS)
                    .getWorkflowExecutionHistory(
                        GetWorkflowExecutionHistoryRequest.newBuilder()
                            .setNamespace(namespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(sweepId))
                            .setHistoryEventFilterType(
                                HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT)
                            .build())
                    .getHistory()
                    .getEventsList(),
            sweepId);
    HistoryEvent close = events.isEmpty() ? null : events.get(events.size() - 1);
    EventType type = close == null ? EventType.EVENT_TYPE_UNSPECIFIED : close.getEventType();
    switch (type) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
        SweepResult r =
            client
                .getOptions()
                .getDataConverter()
                .fromPayloads(
                    0,
                    Optional.of(close.getWorkflowExecutionCompletedEventAttributes().getResult()),
                    SweepResult.class,
                    SweepResult.class);
        return new SweepProgress(
            sweepId,
            r.status(),
            r.rounds() - 1,
            r.total(),
            r.done(),
            r.memoized(),
            0,
            r.failed(),
            Math.max(0, r.total() - r.done() - r.failed()),
            null,
            0,
            r.failures().stream().limit(50).toList(),
            r.reportDir(),
            null);
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
        return ended(sweepId, SweepStatus.CANCELLED, null);
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
        return ended(
            sweepId,
            SweepStatus.FAILED,
            describe(close.getWorkflowExecutionFailedEventAttributes().getFailure()));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
        String reason = close.getWorkflowExecutionTerminatedEventAttributes().getReason();
        return ended(
            sweepId, SweepStatus.FAILED, "terminated" + (reason.isBlank() ? "" : ": " + reason));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
        return ended(sweepId, SweepStatus.FAILED, "the sweep's workflow timed out");
      }
      default -> {
        return ended(
            sweepId,
            SweepStatus.FAILED,
            "ended as " + (execution == null ? type : execution) + " without a result");
      }
    }
  }

  private static SweepProgress ended(String sweepId, SweepStatus status, String failure) {
    return new SweepProgress(
        sweepId, status, 0, 0, 0, 0, 0, 0, 0, null, 0, List.of(), null, failure);
  }

  /**
   * The words of a workflow failure: the sweep's own failure already names the step and the cause;
   * a failure from elsewhere is walked to its innermost cause, whose message says why.
   */
  static String describe(Failure failure) {
    Failure f = failure;
    String step = null;
    while (f.hasCause() && !f.hasApplicationFailureInfo()) {
      if (step == null && f.hasActivityFailureInfo()) {
        step = f.getActivityFailureInfo().getActivityType().getName();
      }
      f = f.getCause();
    }
    return step == null ? f.getMessage() : step + ": " + f.getMessage();
  }

  /** Runs one request; what the service answers with ids only becomes words. */
  private <T> T call(Supplier<T> request, String what) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw translate(e, what);
    }
  }

  private void call(Runnable request, String what) {
    call(
        () -> {
          request.run();
          return null;
        },
        what);
  }

  private RuntimeException translate(RuntimeException e, String what) {
    if (e instanceof WorkflowExecutionAlreadyStarted || e instanceof WorkflowFailedException) {
      return e;
    }
    Status status = grpcStatus(e);
    if (status == null) {
      if (e instanceof io.temporal.client.WorkflowNotFoundException) {
        return notFound(what, e);
      }
      return e;
    }
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED ->
          new SweepRequestException(
              "cannot reach the Temporal server at "
                  + stubs().getOptions().getTarget()
                  + " ("
                  + reason(status)
                  + "); is it running? Start one with `temporal server start-dev` or `tomo"
                  + " server`, or pass --temporal HOST:PORT",
              false,
              true,
              e);
      case NOT_FOUND -> notFound(what, e);
      default -> e;
    };
  }

  /** The gRPC status in the causes of {@code e}, or null when it came from elsewhere. */
  private static Status grpcStatus(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus();
      }
    }
    return null;
  }

  /** gRPC says "io exception" for a refused connection; its cause says which. */
  private static String reason(Status status) {
    String description = status.getDescription();
    if ((description == null || description.equals("io exception"))
        && status.getCause() != null
        && status.getCause().getMessage() != null) {
      String m = status.getCause().getMessage();
      // netty's "finishConnect(..) failed: Connection refused: /127.0.0.1:1"
      return m.contains("failed: ") ? m.substring(m.indexOf("failed: ") + 8) : m;
    }
    return description == null ? status.getCode().toString() : description;
  }

  private SweepRequestException notFound(String what, Throwable cause) {
    return new SweepRequestException(
        (what.startsWith("namespace ") ? "no " + what : "no sweep '" + what + "'")
            + " on the Temporal server at "
            + stubs().getOptions().getTarget()
            + (what.startsWith("namespace ") ? "" : " (namespace " + namespace() + ")"),
        false,
        cause);
  }

  private WorkflowServiceStubs stubs() {
    return client.getWorkflowServiceStubs();
  }

  private String namespace() {
    return client.getOptions().getNamespace();
  }

  private WorkflowStub untyped(String sweepId) {
    return client.newUntypedWorkflowStub(sweepId, Optional.empty(), Optional.empty());
  }
}
