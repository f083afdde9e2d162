package tomo.workers.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The training workers Temporal has seen on a task queue: the distinct identities (one per worker
 * process) that polled its activity tasks recently. A worker polls only while it has a free slot,
 * so before a sweep starts every worker is seen, while a worker busy with all its trainings for
 * longer than the server remembers pollers (minutes) is not.
 */
public final class TrainingQueuePollers {
  private TrainingQueuePollers() {}

  /**
   * What the server said.
   *
   * @param workers distinct worker identities, or -1 when the server could not tell
   * @param note where the count came from, or why there is none
   */
  public record Seen(int workers, String note) {
    /** The server was not (or could not be) asked, for {@code why}. */
    public static Seen unknown(String why) {
      return new Seen(-1, why);
    }

    public boolean known() {
      return workers >= 0;
    }
  }

  /** Asks the service behind {@code client} (waiting at most {@code timeoutSeconds}). */
  public static Seen ask(WorkflowClient client, String queue, int timeoutSeconds) {
    DescribeTaskQueueRequest request =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setTaskQueue(TaskQueue.newBuilder().setName(queue).build())
            .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
            .build();
    try {
      TreeSet<String> identities = new TreeSet<>();
      for (PollerInfo p :
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(timeoutSeconds, TimeUnit.SECONDS)
              .describeTaskQueue(request)
              .getPollersList()) {
        identities.add(p.getIdentity());
      }
      return new Seen(
          identities.size(), identities.size() + " training worker(s) polling task queue " + queue);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      String why =
          code == Status.Code.UNIMPLEMENTED
              ? "the server does not list pollers (Temporal's Java test server)"
              : code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                  ? "Temporal unreachable (" + code + ")"
                  : "Temporal: " + e.getStatus();
      return new Seen(-1, why);
    }
  }
}
