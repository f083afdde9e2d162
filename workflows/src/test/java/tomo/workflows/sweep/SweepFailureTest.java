package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tomo.workflows.TaskQueues;
import tomo.workflows.activity.PrepareActivities;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.client.SweepClient;
import tomo.workflows.client.SweepRequestException;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.plugin.OrchestrationPlugin;
import tomo.workflows.plugin.TrainingPlugin;

/**
 * A sweep that fails is a state the client shows (FAILED with the step and what it said), whether
 * the client asks while the workflow runs or after it has closed, with or without a worker to
 * answer queries; and what the client cannot do it says in words.
 */
class SweepFailureTest {
  private static final String BAD_ROW =
      "/data/materials.csv.gz row 7 field 'cif': no _cell_length_a";

  private TestWorkflowEnvironment env;
  private final FakeTraining training = new FakeTraining();
  private final AtomicInteger renders = new AtomicInteger();

  /** What prepare does; the default prepares a 1,000-material dataset. */
  private volatile PrepareActivities prepare =
      spec -> new PreparedDataset("memory.csv", "abc123", 1000, List.of());

  /** Whether render fails the way a full disk or an unwritable directory does. */
  private volatile boolean renderFails;

  private SweepClient start() {
    PrepareActivities delegating = spec -> prepare.prepare(spec);
    ReportActivities report =
        new ReportActivities() {
          @Override
          public ReportSummary aggregate(String sweepId, SweepSpec spec, PreparedDataset data) {
            return new ReportSummary("reports/" + sweepId, training.done.size(), 0, List.of());
          }

          @Override
          public ReportSummary render(String sweepId, SweepSpec spec, ReportSummary aggregated) {
            renders.incrementAndGet();
            if (renderFails) {
              throw new UncheckedIOException(
                  "cannot write /artifacts/reports/" + sweepId + "/table1.md: Not a directory",
                  new IOException("Not a directory"));
            }
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
                            new OrchestrationPlugin(
                                TaskQueues.ORCHESTRATION, true, delegating, report),
                            new TrainingPlugin(TaskQueues.TRAINING, 100, training))
                        .build())
                .build());
    env.newWorker(TaskQueues.ORCHESTRATION);
    env.newWorker(TaskQueues.TRAINING);
    env.start();
    return new SweepClient(env.getWorkflowClient());
  }

  @AfterEach
  void stop() {
    if (env != null) {
      env.close();
    }
  }

  private static SweepSpec spec() {
    return SweepTestEnvironment.spec(1, 2, 1, BaselineMode.SHARED);
  }

  @Test
  void aBadDatasetRowFailsTheSweepAndStatusSaysWhichRowAndField() {
    prepare =
        spec -> {
          throw ApplicationFailure.newNonRetryableFailure(BAD_ROW, TrainingActivities.BAD_INPUT);
        };
    SweepClient sweeps = start();
    sweeps.startOrAttach("bad-row", spec());

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sweeps.progress("bad-row").status() == SweepStatus.FAILED);
    SweepProgress p = sweeps.progress("bad-row");
    assertThat(p.failure()).isEqualTo("prepare: " + BAD_ROW);
    assertThatThrownBy(() -> sweeps.await("bad-row"))
        .isInstanceOfSatisfying(
            SweepRequestException.class, e -> assertThat(e.sweepFailed()).isTrue())
        .hasMessage("sweep bad-row failed: prepare: " + BAD_ROW);
    assertThat(training.trainings()).isZero();
    assertThatThrownBy(() -> sweeps.retryFailed("bad-row"))
        .hasMessageContaining("has ended (FAILED)")
        .hasMessageContaining("same --id");

    // the dataset was fixed: starting the same sweep id again starts it anew
    prepare = spec -> new PreparedDataset("memory.csv", "abc123", 1000, List.of());
    assertThat(sweeps.startOrAttach("bad-row", spec()).attached()).isFalse();
    assertThat(sweeps.await("bad-row").status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(sweeps.progress("bad-row").failure()).isNull();
  }

  @Test
  void aFailingReportStepFailsTheSweepAfterItsRetries() {
    renderFails = true;
    SweepClient sweeps = start();
    sweeps.startOrAttach("no-report", spec());

    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> sweeps.progress("no-report").status() == SweepStatus.FAILED);
    SweepProgress p = sweeps.progress("no-report");
    assertThat(p.failure())
        .startsWith("render: cannot write /artifacts/reports/no-report/table1.md: Not a directory");
    assertThat(renders.get()).isEqualTo(5); // the orchestration retry policy's attempts
    assertThat(p.done()).isEqualTo(spec().trainingCount()); // the trainings themselves finished
  }

  @Test
  void aClosedFailedSweepShowsItsCauseWithoutAWorkerToAnswerTheQuery() {
    prepare =
        spec -> {
          throw ApplicationFailure.newNonRetryableFailure(BAD_ROW, TrainingActivities.BAD_INPUT);
        };
    SweepClient sweeps = start();
    sweeps.startOrAttach("closed", spec());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> sweeps.progress("closed").status() == SweepStatus.FAILED);
    env.getWorkerFactory().shutdownNow(); // nobody left to replay the workflow for a query
    env.getWorkerFactory().awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);

    SweepProgress p = sweeps.progress("closed");
    assertThat(p.status()).isEqualTo(SweepStatus.FAILED);
    assertThat(p.failure()).isEqualTo("prepare: " + BAD_ROW);
  }

  @Test
  void aTerminatedSweepIsFailedWithTheOperatorsReason() throws InterruptedException {
    CountDownLatch never = new CountDownLatch(1);
    prepare =
        spec -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new PreparedDataset("memory.csv", "abc123", 1000, List.of());
        };
    SweepClient sweeps = start();
    sweeps.startOrAttach("stopped", spec());
    WorkflowClient client = env.getWorkflowClient();
    WorkflowStub stub = client.newUntypedWorkflowStub("stopped");
    assertThat(sweeps.progress("stopped").status()).isEqualTo(SweepStatus.PREPARING);
    stub.terminate("stopped by the operator");

    SweepProgress p = sweeps.progress("stopped");
    assertThat(p.status()).isEqualTo(SweepStatus.FAILED);
    assertThat(p.failure()).isEqualTo("terminated: stopped by the operator");
    never.countDown();
  }

  @Test
  void clientErrorsSayWhatFailedInWords() throws IOException {
    SweepClient sweeps = start();
    assertThatThrownBy(() -> sweeps.progress("nope"))
        .isInstanceOf(SweepRequestException.class)
        .hasMessageStartingWith("no sweep 'nope' on the Temporal server at ");
    assertThatThrownBy(() -> sweeps.retryFailed("nope")).hasMessageStartingWith("no sweep 'nope'");

    sweeps.startOrAttach("done", spec());
    assertThat(sweeps.await("done").status()).isEqualTo(SweepStatus.COMPLETED);
    assertThatThrownBy(() -> sweeps.retryFailed("done"))
        .isInstanceOf(SweepRequestException.class)
        .hasMessageStartingWith("sweep done has ended (COMPLETED); retry works only while it runs");
    assertThatThrownBy(() -> sweeps.cancel("done", "why"))
        .hasMessageStartingWith("sweep done has ended (COMPLETED); cancel works only");

    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String target = "127.0.0.1:" + closedPort;
    SweepClient unreachable =
        new SweepClient(
            WorkflowClient.newInstance(
                io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
                    io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder()
                        .setTarget(target)
                        .build())));
    assertThatThrownBy(() -> unreachable.progress("any"))
        .isInstanceOf(SweepRequestException.class)
        .hasMessageStartingWith("cannot reach the Temporal server at " + target);
    assertThatThrownBy(() -> unreachable.startOrAttach("any", spec()))
        .hasMessageStartingWith("cannot reach the Temporal server at " + target);
  }
}
