package tomo.activities.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerFactoryOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.orchestration.PrepareActivitiesImpl;
import tomo.activities.orchestration.ReportActivitiesImpl;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainingActivitiesImpl;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.TaskQueues;
import tomo.workflows.client.SweepClient;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.hooks.AirflowHookOptions;
import tomo.workflows.hooks.DagHookRequest;
import tomo.workflows.hooks.DagRunOutcome;
import tomo.workflows.hooks.SweepHooks;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainerKind;
import tomo.workflows.plugin.OrchestrationPlugin;
import tomo.workflows.plugin.TrainingPlugin;

/**
 * Against a real Airflow 3 ({@code airflow standalone}, SQLite) with the DAGs of {@code
 * src/test/resources/airflow-dags}.
 *
 * <p>Starting Airflow takes minutes of two shared cores, so this runs where it is asked for: in CI
 * ({@code CI} set), against a running instance ({@code TOMO_AIRFLOW_URL} set), or with {@code
 * -Dtomo.airflow=true}. Skip it anywhere with {@code -DexcludedGroups=airflow}.
 */
@Tag("airflow")
@EnabledIf("wanted")
class AirflowIntegrationTest {
  static boolean wanted() {
    return System.getenv("CI") != null
        || System.getenv(AirflowConfig.ENV_URL) != null
        || Boolean.getBoolean("tomo.airflow");
  }

  private static final String OK = "tomo_test_ok";
  private static final String FLAKY = "tomo_test_flaky";
  private static final String EXAMPLE = "tomo_sweep";
  private static final WaitPolicy WAIT =
      new WaitPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 1.5, Duration.ofMinutes(5));

  private static LocalAirflow airflow;
  private static AirflowClient client;
  private static AirflowAdmin admin;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    airflow = LocalAirflow.startOrAttach();
    client = new AirflowClient(airflow.config());
    admin = new AirflowAdmin(client);
    // the DAG processor needs a moment after start to register the test DAGs
    for (String dag : List.of(OK, FLAKY, EXAMPLE)) {
      long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
      while (true) {
        try {
          client.isPaused(dag);
          break;
        } catch (AirflowNotFoundException e) {
          if (System.nanoTime() > deadline) {
            throw e;
          }
          Thread.sleep(2000);
        }
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (airflow != null) {
      airflow.close();
    }
  }

  @Test
  void triggersWaitsForSuccessAndReadsTaskInstances() {
    client.unpauseDag(OK);
    assertThat(client.isPaused(OK)).isFalse();

    DagRun run = client.triggerDagRun(OK, null, Map.of("sweep_id", "it-ok"));
    assertThat(run.logicalDate()).isNull();
    DagRun done = client.waitForDagRun(OK, run.runId(), WAIT, r -> {});

    assertThat(done.state()).isEqualTo("success");
    List<TaskInstance> tis = admin.listTaskInstances(OK, run.runId());
    assertThat(tis)
        .extracting(TaskInstance::taskId)
        .containsExactlyInAnyOrder("read_conf", "report");
    assertThat(tis).allSatisfy(ti -> assertThat(ti.state()).isEqualTo("success"));
  }

  @Test
  void failedTaskIsReportedThenClearedAndSucceeds() {
    client.unpauseDag(FLAKY);
    Path marker = tmp.resolve("marker-" + UUID.randomUUID());

    DagRun run = client.triggerDagRun(FLAKY, null, Map.of("marker", marker.toString()));
    assertThatThrownBy(() -> client.waitForDagRun(FLAKY, run.runId(), WAIT, r -> {}))
        .isInstanceOf(DagRunFailedException.class)
        .hasMessageContaining(run.runId())
        .hasMessageContaining("'failed'");
    assertThat(Files.exists(marker)).isTrue();
    assertThat(admin.listTaskInstances(FLAKY, run.runId()))
        .singleElement()
        .satisfies(ti -> assertThat(ti.state()).isEqualTo("failed"));

    assertThat(client.clearFailedTasks(FLAKY, run.runId())).containsExactly("fail_once");
    DagRun done = client.waitForDagRun(FLAKY, run.runId(), WAIT, r -> {});

    assertThat(done.succeeded()).isTrue();
    TaskInstance ti = admin.listTaskInstances(FLAKY, run.runId()).get(0);
    assertThat(ti.state()).isEqualTo("success");
    assertThat(ti.tryNumber()).isEqualTo(2);
  }

  @Test
  void unknownDagAndBadPasswordAreTypedNonRetryableErrors() {
    assertThatThrownBy(() -> client.triggerDagRun("tomo_no_such_dag", null, Map.of()))
        .isInstanceOf(AirflowNotFoundException.class)
        .hasMessageContaining("tomo_no_such_dag");

    AirflowConfig good = airflow.config();
    AirflowClient wrong =
        new AirflowClient(
            AirflowAdmin.v2(
                good.baseUrl(),
                new AirflowCredentials(good.credentials().username(), "not-the-password")));
    assertThatThrownBy(() -> wrong.isPaused(OK))
        .isInstanceOf(AirflowAuthenticationException.class)
        .hasMessageNotContaining("not-the-password");
  }

  @Test
  void hookActivityRunsADagEndToEndAndAttachesOnRetry() {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(
          new AirflowHookActivitiesImpl(client, Duration.ofSeconds(1), Duration.ofSeconds(5)));
      AirflowHookActivities hooks =
          env.newActivityStub(
              AirflowHookActivities.class,
              AirflowHookOptions.activityOptions(Duration.ofMinutes(5)));
      String sweep = "it-" + UUID.randomUUID().toString().substring(0, 8);
      admin.setPaused(OK, true); // the hook unpauses it

      DagRunOutcome first = hooks.runDag(DagHookRequest.onStart(sweep, OK, Map.of(), 300));
      assertThat(first.state()).isEqualTo("success");
      assertThat(first.runId()).isEqualTo("tomo__" + sweep + "__on_start");
      // a second call for the same sweep and phase (a retried activity) attaches to that run
      DagRunOutcome again = hooks.runDag(DagHookRequest.onStart(sweep, OK, Map.of(), 300));
      assertThat(again).isEqualTo(first);

      assertThatThrownBy(
              () ->
                  hooks.runDag(
                      DagHookRequest.onComplete(
                          sweep, FLAKY, Map.of("marker", tmp.resolve("m").toString()), 300)))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.getType()).isEqualTo(AirflowHookOptions.DAG_RUN_FAILED);
                assertThat(f.isNonRetryable()).isTrue();
                assertThat(f.getOriginalMessage())
                    .contains("tomo__" + sweep + "__on_complete")
                    .contains("'failed'");
              });
      // the sweep retried: the same hook clears the failed task and now succeeds
      DagRunOutcome retried =
          hooks.runDag(
              DagHookRequest.onComplete(
                  sweep, FLAKY, Map.of("marker", tmp.resolve("m").toString()), 300));
      assertThat(retried.state()).isEqualTo("success");

      assertThatThrownBy(
              () -> hooks.runDag(DagHookRequest.onStart(sweep, "tomo_no_such_dag", Map.of(), 60)))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class,
              f -> {
                assertThat(f.getType()).isEqualTo(AirflowHookOptions.DAG_NOT_FOUND);
                assertThat(f.isNonRetryable()).isTrue();
              });
    } finally {
      env.close();
    }
  }

  @Test
  void exampleSweepDagRunsTheTomoCliWithTheSpecFromItsParams() throws Exception {
    // a stand-in launcher that records its arguments: this checks the DAG's side of the contract
    Path log = tmp.resolve("tomo-calls.log");
    Path tomo = tmp.resolve("tomo");
    Files.writeString(tomo, "#!/bin/sh\necho \"$*\" >> '" + log + "'\necho \"started sweep\"\n");
    tomo.toFile().setExecutable(true);
    Path specs = tmp.resolve("specs");
    admin.setVariable("tomo_command", tomo.toString());
    admin.setVariable("tomo_temporal", "127.0.0.1:17233");
    admin.setVariable("tomo_spec_dir", specs.toString());
    client.unpauseDag(EXAMPLE);
    Map<String, Object> spec =
        Map.of(
            "name", "from-airflow",
            "targets", List.of("band_gap"),
            "properties", List.of("density"),
            "representations", List.of("structure"),
            "seeds", List.of(1));

    DagRun run =
        client.triggerDagRun(EXAMPLE, null, Map.of("spec", spec, "sweep_id", "it-dag-sweep"));
    client.waitForDagRun(EXAMPLE, run.runId(), WAIT, r -> {});

    Path specFile = specs.resolve("it-dag-sweep.json");
    assertThat(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .readValue(specFile.toFile(), Map.class))
        .isEqualTo(spec);
    assertThat(Files.readAllLines(log))
        .containsExactly(
            "sweep start --spec " + specFile + " --id it-dag-sweep --temporal 127.0.0.1:17233",
            "sweep start --spec "
                + specFile
                + " --id it-dag-sweep --wait --temporal 127.0.0.1:17233");
  }

  @Test
  void aSmallSweepRunsItsHooksAgainstAirflow() {
    String sweep = "it-hooked-" + UUID.randomUUID().toString().substring(0, 8);
    SweepSpec spec =
        SweepSpec.builder()
            .name("hooked")
            .dataset(DatasetLocation.resolve(null).toString())
            .targets(List.of("band_gap"))
            .properties(List.of("volume"))
            .representations(List.of(Representation.STRUCTURE))
            .seeds(List.of(0))
            .hyper(HyperParameters.paper(2))
            .baseline(BaselineMode.SHARED)
            .limit(20)
            .artifactDir(tmp.resolve("artifacts").toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(30)
            .hooks(new SweepHooks(OK, OK))
            .build()
            .withTrainer(TrainerKind.SYNTHETIC)
            .normalized("hooked");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setUseTimeskipping(false)
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setPlugins(
                            new OrchestrationPlugin(
                                TaskQueues.ORCHESTRATION,
                                true,
                                new PrepareActivitiesImpl(
                                    null, PrepareActivitiesImpl.REGISTERED_PROPERTIES),
                                new ReportActivitiesImpl(false),
                                new AirflowHookActivitiesImpl(
                                    client, Duration.ofSeconds(1), Duration.ofSeconds(5))),
                            new TrainingPlugin(
                                TaskQueues.TRAINING,
                                2,
                                new TrainingActivitiesImpl(new SyntheticTrainer(Duration.ZERO))))
                        .build())
                .build());
    try {
      env.newWorker(TaskQueues.ORCHESTRATION);
      env.newWorker(TaskQueues.TRAINING);
      env.start();
      SweepClient sweeps = new SweepClient(env.getWorkflowClient());
      sweeps.startOrAttach(sweep, spec);
      SweepResult result = sweeps.await(sweep);

      assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
      assertThat(result.done()).isEqualTo(spec.trainingCount());
      for (String phase : List.of("on_start", "on_complete")) {
        String runId = "tomo__" + sweep + "__" + phase;
        assertThat(client.getDagRun(OK, runId).state()).as(runId).isEqualTo("success");
        assertThat(admin.listTaskInstances(OK, runId))
            .allSatisfy(ti -> assertThat(ti.state()).isEqualTo("success"));
      }
    } finally {
      env.close();
    }
  }
}
