package tomo.activities.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tomo.activities.airflow.FakeAirflow.answer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AirflowClientTest {
  private static final String TOKEN = "{\"access_token\":\"tok-1\"}";
  private static final String RUN = "manual__2026-01-01T00:00:00+00:00";
  private static final String RUN_PATH = "/api/v2/dags/refresh/dagRuns/" + RUN;
  private static final WaitPolicy FAST =
      new WaitPolicy(Duration.ofMillis(5), Duration.ofMillis(20), 2, Duration.ofSeconds(10));

  private FakeAirflow airflow;
  private AirflowClient client;

  @BeforeEach
  void start() throws IOException {
    airflow = new FakeAirflow();
    airflow.on("POST", "/auth/token", answer(201, TOKEN));
    client =
        new AirflowClient(AirflowAdmin.v2(airflow.url(), new AirflowCredentials("tomo", "s3cret")));
  }

  @AfterEach
  void stop() {
    airflow.close();
  }

  private static String run(String state) {
    return "{\"dag_run_id\":\"%s\",\"dag_id\":\"refresh\",\"state\":\"%s\",\"logical_date\":null}"
        .formatted(RUN, state);
  }

  @Test
  void triggerSendsNullLogicalDateConfAndBearerToken() {
    airflow.on("POST", "/api/v2/dags/refresh/dagRuns", answer(200, run("queued")));

    DagRun r =
        client.triggerDagRun("refresh", null, Map.of("sweep_id", "s-1", "seeds", List.of(1, 2)));

    assertThat(r).isEqualTo(new DagRun("refresh", RUN, "queued", null));
    FakeAirflow.Request req = airflow.requests("POST", "/api/v2/dags/refresh/dagRuns").get(0);
    assertThat(req.authorization()).isEqualTo("Bearer tok-1");
    assertThat(req.body().has("logical_date")).isTrue();
    assertThat(req.body().get("logical_date").isNull()).isTrue();
    assertThat(req.body().path("conf").path("sweep_id").asText()).isEqualTo("s-1");
    assertThat(req.body().path("conf").path("seeds").get(1).asInt()).isEqualTo(2);
    assertThat(req.body().has("dag_run_id")).isFalse();
    FakeAirflow.Request tokenReq = airflow.requests("POST", "/auth/token").get(0);
    assertThat(tokenReq.body().path("username").asText()).isEqualTo("tomo");
    assertThat(tokenReq.body().path("password").asText()).isEqualTo("s3cret");
  }

  @Test
  void tokenIsFetchedOnceAndRenewedAfter401() {
    airflow.on(
        "GET",
        RUN_PATH,
        answer(200, run("running")),
        answer(401, "{\"detail\":\"Token expired\"}"),
        answer(200, run("success")));

    client.getDagRun("refresh", RUN);
    client.getDagRun("refresh", RUN); // 401, new token, retried: success

    assertThat(airflow.requests("POST", "/auth/token")).hasSize(2);
    assertThat(airflow.requests("GET", RUN_PATH)).hasSize(3);
  }

  @Test
  void waitPollsUntilSuccessAndReportsEveryState() {
    airflow.on(
        "GET",
        RUN_PATH,
        answer(200, run("queued")),
        answer(200, run("running")),
        answer(503, "{\"detail\":\"restarting\"}"),
        answer(200, run("success")));
    List<String> seen = new ArrayList<>();

    DagRun done = client.waitForDagRun("refresh", RUN, FAST, r -> seen.add(r.state()));

    assertThat(done.succeeded()).isTrue();
    assertThat(seen).containsExactly("queued", "running", "success");
  }

  @Test
  void failedRunThrowsWithStateAndRunId() {
    airflow.on("GET", RUN_PATH, answer(200, run("running")), answer(200, run("failed")));

    assertThatThrownBy(() -> client.waitForDagRun("refresh", RUN, FAST, r -> {}))
        .isInstanceOf(DagRunFailedException.class)
        .hasMessageContaining("refresh/" + RUN)
        .hasMessageContaining("'failed'")
        .satisfies(e -> assertThat(((AirflowException) e).retryable()).isFalse());
  }

  @Test
  void waitGivesUpAfterTimeout() {
    airflow.on("GET", RUN_PATH, answer(200, run("running")));
    WaitPolicy short_ =
        new WaitPolicy(Duration.ofMillis(5), Duration.ofMillis(10), 2, Duration.ofMillis(100));

    assertThatThrownBy(() -> client.waitForDagRun("refresh", RUN, short_, r -> {}))
        .isInstanceOf(DagRunTimeoutException.class)
        .hasMessageContaining("still 'running'");
  }

  @Test
  void unknownDagIsNotFoundAndNotRetryable() {
    airflow.on(
        "POST",
        "/api/v2/dags/nope/dagRuns",
        answer(404, "{\"detail\":\"The Dag with dag_id: `nope` was not found\"}"));

    assertThatThrownBy(() -> client.triggerDagRun("nope", null, Map.of()))
        .isInstanceOf(AirflowNotFoundException.class)
        .hasMessageContaining("DAG 'nope' not found")
        .hasMessageContaining("was not found")
        .satisfies(e -> assertThat(((AirflowException) e).retryable()).isFalse());
  }

  @Test
  void badCredentialsAreNotRetryableAndDoNotLeakThePassword() {
    airflow.on("POST", "/auth/token", answer(401, "{\"detail\":\"Invalid credentials\"}"));

    assertThatThrownBy(() -> client.getDagRun("refresh", RUN))
        .isInstanceOf(AirflowAuthenticationException.class)
        .hasMessageContaining("user 'tomo'")
        .hasMessageNotContaining("s3cret")
        .satisfies(e -> assertThat(((AirflowException) e).retryable()).isFalse());
  }

  @Test
  void serverErrorsAndRefusedConnectionsAreRetryable() throws IOException {
    airflow.on("GET", RUN_PATH, answer(502, "<html>bad gateway</html>"));
    assertThatThrownBy(() -> client.getDagRun("refresh", RUN))
        .isInstanceOf(AirflowUnavailableException.class)
        .hasMessageContaining("HTTP 502")
        .satisfies(e -> assertThat(((AirflowException) e).retryable()).isTrue());

    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    AirflowClient down =
        new AirflowClient(
            AirflowAdmin.v2(
                URI.create("http://127.0.0.1:" + closedPort),
                new AirflowCredentials("tomo", "s3cret")));
    assertThatThrownBy(() -> down.getDagRun("refresh", RUN))
        .isInstanceOf(AirflowUnavailableException.class)
        .hasMessageContaining("unreachable");
  }

  @Test
  void conflictIsARejectedRequestWithItsStatus() {
    airflow.on(
        "POST",
        "/api/v2/dags/refresh/dagRuns",
        answer(409, "{\"detail\":\"DAG run already exists\"}"));

    assertThatThrownBy(() -> client.triggerDagRun("refresh", "tomo__s-1", Map.of()))
        .isInstanceOfSatisfying(
            AirflowRequestException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessageContaining("already exists");
    assertThat(
            airflow
                .requests("POST", "/api/v2/dags/refresh/dagRuns")
                .get(0)
                .body()
                .path("dag_run_id")
                .asText())
        .isEqualTo("tomo__s-1");
  }

  @Test
  void listTaskInstancesReadsEveryPage() {
    StringBuilder first = new StringBuilder("{\"task_instances\":[");
    for (int i = 0; i < 100; i++) {
      first.append(i == 0 ? "" : ",");
      first.append(
          "{\"task_id\":\"t%d\",\"state\":\"success\",\"try_number\":1,\"map_index\":-1}"
              .formatted(i));
    }
    first.append("],\"total_entries\":101}");
    String second =
        "{\"task_instances\":[{\"task_id\":\"last\",\"state\":null,\"try_number\":0,"
            + "\"map_index\":-1}],\"total_entries\":101}";
    airflow.on(
        "GET", RUN_PATH + "/taskInstances", answer(200, first.toString()), answer(200, second));

    List<TaskInstance> tis = new AirflowAdmin(client).listTaskInstances("refresh", RUN);

    assertThat(tis).hasSize(101);
    assertThat(tis.get(100)).isEqualTo(new TaskInstance("last", "", 0, -1));
    assertThat(airflow.requests("GET", RUN_PATH + "/taskInstances"))
        .extracting(FakeAirflow.Request::query)
        .containsExactly("limit=100&offset=0", "limit=100&offset=100");
  }

  @Test
  void clearSetsDryRunFalseExplicitly() {
    airflow.on(
        "POST",
        "/api/v2/dags/refresh/clearTaskInstances",
        answer(200, "{\"task_instances\":[{\"task_id\":\"fail_once\"}],\"total_entries\":1}"));

    assertThat(client.clearFailedTasks("refresh", RUN)).containsExactly("fail_once");

    FakeAirflow.Request req =
        airflow.requests("POST", "/api/v2/dags/refresh/clearTaskInstances").get(0);
    assertThat(req.body().path("dry_run").isBoolean()).isTrue();
    assertThat(req.body().path("dry_run").asBoolean()).isFalse();
    assertThat(req.body().path("only_failed").asBoolean()).isTrue();
    assertThat(req.body().path("dag_run_id").asText()).isEqualTo(RUN);
  }

  @Test
  void unpausePatchesIsPausedWithUpdateMask() {
    airflow.on(
        "PATCH",
        "/api/v2/dags/refresh",
        answer(200, "{\"dag_id\":\"refresh\",\"is_paused\":false}"));

    client.unpauseDag("refresh");

    FakeAirflow.Request req = airflow.requests("PATCH", "/api/v2/dags/refresh").get(0);
    assertThat(req.query()).isEqualTo("update_mask=is_paused");
    assertThat(req.body().path("is_paused").asBoolean(true)).isFalse();
  }

  @Test
  void airflow2UsesApiV1WithBasicAuthAndNoLogicalDate() {
    airflow.on("POST", "/api/v1/dags/refresh/dagRuns", answer(200, run("queued")));
    AirflowClient v1 =
        new AirflowClient(
            new AirflowConfig(
                airflow.url(),
                AirflowApiVersion.V1,
                new AirflowCredentials("tomo", "s3cret"),
                Duration.ofSeconds(5)));

    v1.triggerDagRun("refresh", null, Map.of("k", "v"));

    FakeAirflow.Request req = airflow.requests("POST", "/api/v1/dags/refresh/dagRuns").get(0);
    assertThat(req.authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("tomo:s3cret".getBytes()));
    assertThat(req.body().has("logical_date")).isFalse();
    assertThat(airflow.requests("POST", "/auth/token")).isEmpty();
  }

  @Test
  void runIdsWithColonsAndPlusAreEncodedAsOnePathSegment() {
    airflow.on("GET", RUN_PATH, answer(200, run("success")));

    client.getDagRun("refresh", RUN);

    assertThat(airflow.requests("GET", RUN_PATH)).hasSize(1);
  }

  @Test
  void validationErrorsEchoingThePasswordAreRedacted() {
    airflow.on(
        "POST",
        "/auth/token",
        answer(
            422,
            "{\"detail\":[{\"type\":\"string_too_short\",\"input\":{\"username\":\"tomo\","
                + "\"password\":\"s3cret\"}}]}"));

    assertThatThrownBy(() -> client.getDagRun("refresh", RUN))
        .isInstanceOf(AirflowAuthenticationException.class)
        .hasMessageContaining("string_too_short")
        .hasMessageNotContaining("s3cret");
  }
}
