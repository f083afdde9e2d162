package tomo.workers.temporal;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.client.WorkflowClient;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The training workers Temporal has seen on a task queue: the distinct identities (one per worker
 * process) that polled its activity tasks recently, and the trainings they run at once as their
 * identities state it ({@link TrainingWorkerIdentity}). A worker polls only while it has a free
 * slot, so before a sweep starts every worker is seen, while a worker busy with all its trainings
 * for longer than the server remembers pollers (minutes) is not.
 */
public final class TrainingQueuePollers {
  private TrainingQueuePollers() {}

  /**
   * What the server said.
   *
   * @param workers distinct worker identities, or -1 when the server could not tell
   * @param slots trainings all of them run at once, from the layout in their identities (a worker
   *     whose identity carries none counts as one); -1 when the server could not tell
   * @param threadsPerTraining the intra-op threads of each training, where every worker that states
   *     it states the same
   * @param gpuWorkers workers that train on a GPU
   * @param note where the count came from, or why there is none
   */
  public record Seen(
      int workers, int slots, OptionalInt threadsPerTraining, int gpuWorkers, String note) {
    /** The server was not (or could not be) asked, for {@code why}. */
    public static Seen unknown(String why) {
      return new Seen(-1, -1, OptionalInt.empty(), 0, why);
    }

    public boolean known() {
      return workers >= 0;
    }

    /** Trainings per worker, rounded (at least 1); meaningful when {@link #known()}. */
    public int slotsPerWorker() {
      return workers <= 0 ? 1 : Math.max(1, Math.round((float) slots / workers));
    }
  }

  /** What {@code identities}, the distinct pollers of {@code queue}, say. */
  static Seen of(Collection<String> identities, String queue) {
    int slots = 0;
    int gpuWorkers = 0;
    Set<Integer> threads = new TreeSet<>();
    for (String identity : identities) {
      Optional<TrainingWorkerIdentity> layout = TrainingWorkerIdentity.parse(identity);
      slots += layout.map(TrainingWorkerIdentity::slots).orElse(1);
      layout.ifPresent(l -> l.threadsPerTraining().ifPresent(threads::add));
      gpuWorkers += layout.filter(TrainingWorkerIdentity::onGpu).isPresent() ? 1 : 0;
    }
    OptionalInt common =
        threads.size() == 1 ? OptionalInt.of(threads.iterator().next()) : OptionalInt.empty();
    String note = identities.size() + " training worker(s) polling task queue " + queue;
    if (!identities.isEmpty()) {
      note +=
          " ("
              + slots
              + (slots == 1 ? " training" : " trainings")
              + " at once"
              + (common.isPresent()
                  ? ", " + common.getAsInt() + " intra-op thread(s) each"
                  : threads.size() > 1 ? ", intra-op threads differ" : "")
              + (gpuWorkers > 0 ? ", " + gpuWorkers + " on GPUs" : "")
              + ")";
    }
    return new Seen(identities.size(), slots, common, gpuWorkers, note);
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
      return of(identities, queue);
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      String why =
          code == Status.Code.UNIMPLEMENTED
              ? "the server does not list pollers (Temporal's Java test server)"
              : code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                  ? "Temporal unreachable (" + code + ")"
                  : "Temporal: " + e.getStatus();
      return Seen.unknown(why);
    }
  }
}
