package tomo.activities.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tomo.activities.airflow.FakeAirflow.answer;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.hooks.AirflowHookOptions;
import tomo.workflows.hooks.DagHookRequest;
import tomo.workflows.hooks.DagRunOutcome;

/** The hook activity against a scripted Airflow: attach, clear-and-rerun, failure types. */
class AirflowHookActivitiesImplTest {
  private static final String RUN_ID = "tomo__s1__on_complete";
  private static final String RUNS = "/api/v2/dags/publish/dagRuns";
  private static final String RUN = RUNS + "/" + RUN_ID;

  private FakeAirflow airflow;
  private TestActivityEnvironment env;
  private AirflowHookActivities hooks;

  @BeforeEach
  void start() throws IOException {
    airflow = new FakeAirflow();
    airflow.on("POST", "/auth/token", answer(201, "{\"access_token\":\"t\"}"));
    airflow.on("GET", "/api/v2/dags/publish", answer(200, "{\"is_paused\":false}"));
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new AirflowHookActivitiesImpl(
            new AirflowClient(AirflowAdmin.v2(airflow.url(), new AirflowCredentials("tomo", "pw"))),
            Duration.ofMillis(5),
            Duration.ofMillis(20)));
    // one attempt, so the failure a workflow would see arrives at once
    hooks =
        env.newActivityStub(
            AirflowHookActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());
  }

  @AfterEach
  void stop() {
    env.close();
    airflow.close();
  }

  private static String run(String state) {
    return "{\"dag_run_id\":\"%s\",\"dag_id\":\"publish\",\"state\":\"%s\"}"
        .formatted(RUN_ID, state);
  }

  private static DagHookRequest request() {
    return DagHookRequest.onComplete("s1", "publish", Map.of("report_dir", "/r"), 60);
  }

  @Test
  void triggersWithTheSweepsRunIdAndConf() {
    airflow.on("POST", RUNS, answer(200, run("queued")));
    airflow.on("GET", RUN, answer(200, run("running")), answer(200, run("success")));

    DagRunOutcome out = hooks.runDag(request());

    assertThat(out).isEqualTo(new DagRunOutcome("publish", RUN_ID, "success"));
    var body = airflow.requests("POST", RUNS).get(0).body();
    assertThat(body.path("dag_run_id").asText()).isEqualTo(RUN_ID);
    assertThat(body.path("conf").path("sweep_id").asText()).isEqualTo("s1");
    assertThat(body.path("conf").path("phase").asText()).isEqualTo("on_complete");
    assertThat(body.path("conf").path("report_dir").asText()).isEqualTo("/r");
  }

  @Test
  void anExistingFailedRunIsClearedAndAwaited() {
    airflow.on("POST", RUNS, answer(409, "{\"detail\":\"exists\"}"));
    airflow.on(
        "GET",
        RUN,
        answer(200, run("failed")),
        answer(200, run("queued")),
        answer(200, run("success")));
    airflow.on(
        "POST",
        "/api/v2/dags/publish/clearTaskInstances",
        answer(200, "{\"task_instances\":[{\"task_id\":\"upload\"}]}"));

    assertThat(hooks.runDag(request()).state()).isEqualTo("success");
    assertThat(airflow.requests("POST", "/api/v2/dags/publish/clearTaskInstances")).hasSize(1);
  }

  @Test
  void pausedDagIsUnpausedFirst() {
    airflow.on("GET", "/api/v2/dags/publish", answer(200, "{\"is_paused\":true}"));
    airflow.on("PATCH", "/api/v2/dags/publish", answer(200, "{\"is_paused\":false}"));
    airflow.on("POST", RUNS, answer(200, run("queued")));
    airflow.on("GET", RUN, answer(200, run("success")));

    hooks.runDag(request());

    assertThat(airflow.requests("PATCH", "/api/v2/dags/publish")).hasSize(1);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    ActivityFailure f = (ActivityFailure) org.assertj.core.api.Assertions.catchThrowable(call::run);
    assertThat(f).isNotNull();
    return (ApplicationFailure) f.getCause();
  }

  @Test
  void failuresCarryTypeAndRetryability() {
    airflow.on("POST", RUNS, answer(200, run("queued")));
    airflow.on("GET", RUN, answer(200, run("failed")));
    ApplicationFailure failed = failureOf(() -> hooks.runDag(request()));
    assertThat(failed.getType()).isEqualTo(AirflowHookOptions.DAG_RUN_FAILED);
    assertThat(failed.isNonRetryable()).isTrue();
    assertThat(failed.getOriginalMessage()).contains("publish/" + RUN_ID).contains("'failed'");

    airflow.on("GET", "/api/v2/dags/publish", answer(503, "{\"detail\":\"down\"}"));
    ApplicationFailure down = failureOf(() -> hooks.runDag(request()));
    assertThat(down.getType()).isEqualTo(AirflowHookOptions.UNAVAILABLE);
    assertThat(down.isNonRetryable()).isFalse();

    // the cached token is refused, and so are the credentials when a new one is asked for
    airflow.on("GET", "/api/v2/dags/publish", answer(401, "{\"detail\":\"expired\"}"));
    airflow.on("POST", "/auth/token", answer(401, "{\"detail\":\"no\"}"));
    ApplicationFailure creds = failureOf(() -> hooks.runDag(request()));
    assertThat(creds.getType()).isEqualTo(AirflowHookOptions.BAD_CREDENTIALS);
    assertThat(creds.isNonRetryable()).isTrue();
  }

  @Test
  void mappingOfEveryAirflowError() {
    assertThat(AirflowHookActivitiesImpl.toFailure(new AirflowNotFoundException("x")).getType())
        .isEqualTo(AirflowHookOptions.DAG_NOT_FOUND);
    assertThat(AirflowHookActivitiesImpl.toFailure(new AirflowRequestException("x", 422)).getType())
        .isEqualTo(AirflowHookOptions.REQUEST_REJECTED);
    assertThatThrownBy(() -> DagHookRequest.onStart("s", "d", Map.of(), 0))
        .hasMessageContaining("waitTimeoutSeconds");
  }
}
