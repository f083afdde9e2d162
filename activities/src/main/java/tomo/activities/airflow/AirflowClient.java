package tomo.activities.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small typed client for Airflow's stable REST API: trigger a DAG run, read its state, wait for
 * it, clear its failed task instances, read whether a DAG is paused and unpause it.
 *
 * <p>Speaks Airflow 3's {@code /api/v2} (a JWT from {@code POST /auth/token}, renewed once when a
 * call answers 401) and Airflow 2's {@code /api/v1} (basic authentication). Errors are typed: see
 * {@link AirflowException} and its subclasses. The password and token are never logged.
 *
 * <p>Thread-safe: the token is swapped atomically and {@link HttpClient} is thread-safe.
 */
public final class AirflowClient {
  private static final Logger log = LoggerFactory.getLogger(AirflowClient.class);
  private static final int MAX_DETAIL_CHARS = 500;

  private final AirflowConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private volatile String bearerToken;

  public AirflowClient(AirflowConfig config) {
    this(
        config,
        HttpClient.newBuilder()
            // HTTP/2's cleartext upgrade breaks POST bodies on Airflow's uvicorn server
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.requestTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  public AirflowClient(AirflowConfig config, HttpClient http) {
    this.config = Objects.requireNonNull(config, "config");
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * Starts a run of {@code dagId} with {@code conf}. On Airflow 3 the run has no logical date, so
   * several runs may start at the same instant.
   *
   * @param runId the run id to use, or null to let Airflow choose one
   * @throws AirflowRequestException with status 409 when {@code runId} already exists
   */
  public DagRun triggerDagRun(String dagId, String runId, Map<String, ?> conf) {
    ObjectNode body = json.createObjectNode();
    if (config.apiVersion() == AirflowApiVersion.V2) {
      // Airflow 3 requires the field; null means "no data interval", i.e. a plain manual run
      body.putNull("logical_date");
    }
    if (runId != null) {
      body.put("dag_run_id", runId);
    }
    body.set("conf", json.valueToTree(conf == null ? Map.of() : conf));
    JsonNode run = call("POST", "/dags/" + seg(dagId) + "/dagRuns", body, "DAG '" + dagId + "'");
    DagRun r = dagRun(run, dagId);
    log.info("triggered Airflow DAG run {}/{} ({})", r.dagId(), r.runId(), r.state());
    return r;
  }

  /** The current state of one DAG run. */
  public DagRun getDagRun(String dagId, String runId) {
    JsonNode run =
        call(
            "GET",
            "/dags/" + seg(dagId) + "/dagRuns/" + seg(runId),
            null,
            "DAG run " + dagId + "/" + runId);
    return dagRun(run, dagId);
  }

  /**
   * Polls a DAG run with backoff until it finishes. Airflow being briefly unreachable while waiting
   * does not end the wait; the overall limit does.
   *
   * @param onPoll called with every state read (e.g. to heartbeat an activity)
   * @return the successful run
   * @throws DagRunFailedException when the run ends in any state but success
   * @throws DagRunTimeoutException when {@code policy.timeout()} passes first
   */
  public DagRun waitForDagRun(
      String dagId, String runId, WaitPolicy policy, Consumer<DagRun> onPoll) {
    long start = System.nanoTime();
    Duration delay = policy.firstDelay();
    DagRun last = new DagRun(dagId, runId, "unknown", null);
    while (true) {
      try {
        last = getDagRun(dagId, runId);
        onPoll.accept(last);
        if (last.finished()) {
          if (last.succeeded()) {
            return last;
          }
          throw new DagRunFailedException(last);
        }
      } catch (AirflowUnavailableException e) {
        log.warn("Airflow unavailable while waiting for {}/{}: {}", dagId, runId, e.getMessage());
      }
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      if (waited.compareTo(policy.timeout()) >= 0) {
        throw new DagRunTimeoutException(last, waited);
      }
      Duration sleep = delay;
      Duration left = policy.timeout().minus(waited);
      if (sleep.compareTo(left) > 0) {
        sleep = left;
      }
      try {
        Thread.sleep(Math.max(1, sleep.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AirflowException(
            "interrupted while waiting for DAG run " + dagId + "/" + runId, true, e);
      }
      delay = policy.next(delay);
    }
  }

  /**
   * Clears the failed task instances of one run so that Airflow runs them again, and puts the run
   * back into a running state. Airflow's {@code dry_run} defaults to true, so it is sent as false.
   *
   * @return the task instances Airflow cleared
   */
  public List<String> clearFailedTasks(String dagId, String runId) {
    ObjectNode body = json.createObjectNode();
    body.put("dry_run", false);
    body.put("only_failed", true);
    body.put("reset_dag_runs", true);
    body.put("dag_run_id", runId);
    JsonNode answer =
        call(
            "POST",
            "/dags/" + seg(dagId) + "/clearTaskInstances",
            body,
            "DAG run " + dagId + "/" + runId);
    List<String> cleared = new ArrayList<>();
    for (JsonNode ti : answer.path("task_instances")) {
      cleared.add(ti.path("task_id").asText());
    }
    log.info("cleared failed tasks {} of Airflow DAG run {}/{}", cleared, dagId, runId);
    return cleared;
  }

  /** Unpauses a DAG so that its runs get scheduled (new DAGs start paused by default). */
  public void unpauseDag(String dagId) {
    ObjectNode body = json.createObjectNode();
    body.put("is_paused", false);
    call("PATCH", "/dags/" + seg(dagId) + "?update_mask=is_paused", body, "DAG '" + dagId + "'");
    log.info("unpaused Airflow DAG {}", dagId);
  }

  /** Whether a DAG is paused; throws {@link AirflowNotFoundException} for an unknown DAG. */
  public boolean isPaused(String dagId) {
    return call("GET", "/dags/" + seg(dagId), null, "DAG '" + dagId + "'")
        .path("is_paused")
        .asBoolean();
  }

  private DagRun dagRun(JsonNode run, String dagId) {
    String id = run.path("dag_run_id").asText(null);
    if (id == null) {
      throw new AirflowException(
          "Airflow answered without a dag_run_id: " + clip(run), false, null);
    }
    JsonNode logical = run.path("logical_date");
    return new DagRun(
        run.path("dag_id").asText(dagId),
        id,
        run.path("state").asText(""),
        logical.isMissingNode() || logical.isNull() ? null : logical.asText());
  }

  /**
   * One API call; renews an expired token once. Package-private so that tests can make the setup
   * calls tomo itself never needs.
   */
  JsonNode call(String method, String path, JsonNode body, String what) {
    HttpResponse<String> response = send(method, path, body);
    if (response.statusCode() == 401 && config.apiVersion() == AirflowApiVersion.V2) {
      bearerToken = null; // expired or revoked: one fresh token, then the answer stands
      response = send(method, path, body);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        String text = response.body();
        return text == null || text.isBlank() ? json.createObjectNode() : json.readTree(text);
      } catch (IOException e) {
        throw new AirflowException(
            method + " " + path + ": Airflow answered with invalid JSON", false, e);
      }
    }
    throw errorFor(status, detail(response.body()), method + " " + path, what);
  }

  private HttpResponse<String> send(String method, String path, JsonNode body) {
    URI uri = URI.create(config.baseUrl() + config.apiVersion().basePath() + path);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", "application/json")
            .header("Authorization", authorization());
    if (body != null) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    log.debug("{} {}", method, uri);
    return exchange(b.build(), method + " " + uri);
  }

  private HttpResponse<String> exchange(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AirflowUnavailableException(
          "Airflow at "
              + config.baseUrl()
              + " unreachable ("
              + what
              + "): "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + e.getMessage()),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AirflowException("interrupted: " + what, true, e);
    }
  }

  private String authorization() {
    AirflowCredentials c = config.credentials();
    if (config.apiVersion() == AirflowApiVersion.V1) {
      String pair = c.username() + ":" + c.password();
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    String token = bearerToken;
    if (token == null) {
      token = fetchToken();
      bearerToken = token;
    }
    return "Bearer " + token;
  }

  private String fetchToken() {
    ObjectNode body = json.createObjectNode();
    body.put("username", config.credentials().username());
    body.put("password", config.credentials().password());
    URI uri = URI.create(config.baseUrl() + "/auth/token");
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build();
    HttpResponse<String> response = exchange(request, "POST " + uri);
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        String token = json.readTree(response.body()).path("access_token").asText("");
        if (!token.isEmpty()) {
          log.debug("obtained an Airflow API token for user {}", config.credentials().username());
          return token;
        }
      } catch (IOException e) {
        // fall through to the error below
      }
      throw new AirflowException(
          "POST " + uri + ": Airflow answered without an access_token", false, null);
    }
    if (status == 400 || status == 401 || status == 403 || status == 422) {
      throw new AirflowAuthenticationException(
          "Airflow at "
              + config.baseUrl()
              + " rejected the credentials of user '"
              + config.credentials().username()
              + "' (HTTP "
              + status
              + detailSuffix(response.body())
              + ")");
    }
    throw errorFor(status, detail(response.body()), "POST " + uri, "API token");
  }

  private AirflowException errorFor(int status, String detail, String call, String what) {
    String suffix =
        " (" + call + ", HTTP " + status + (detail.isEmpty() ? "" : ": " + detail) + ")";
    if (status == 401 || status == 403) {
      return new AirflowAuthenticationException(
          "Airflow at "
              + config.baseUrl()
              + " refused user '"
              + config.credentials().username()
              + "'"
              + suffix);
    }
    if (status == 404) {
      return new AirflowNotFoundException(
          what + " not found on Airflow at " + config.baseUrl() + suffix);
    }
    if (status == 408 || status == 429 || status >= 500) {
      return new AirflowUnavailableException(
          "Airflow at " + config.baseUrl() + " unavailable" + suffix, null);
    }
    return new AirflowRequestException("Airflow rejected the request for " + what + suffix, status);
  }

  /** Airflow's error text: the {@code detail} field of its JSON error body, clipped. */
  private String detail(String body) {
    String d = rawDetail(body);
    // validation errors echo the request's input, which for /auth/token holds the password
    String secret = config.credentials().password();
    return secret.isEmpty() ? d : d.replace(secret, "***");
  }

  private String rawDetail(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode n = json.readTree(body);
      JsonNode d = n.path("detail");
      if (d.isTextual()) {
        return clipText(d.asText());
      }
      if (!d.isMissingNode()) {
        return clip(d);
      }
      return clip(n);
    } catch (IOException e) {
      return clipText(body);
    }
  }

  private String detailSuffix(String body) {
    String d = detail(body);
    return d.isEmpty() ? "" : ": " + d;
  }

  private static String clip(JsonNode n) {
    return clipText(n.toString());
  }

  private static String clipText(String s) {
    String t = s.strip();
    return t.length() <= MAX_DETAIL_CHARS ? t : t.substring(0, MAX_DETAIL_CHARS) + "…";
  }

  /** One URL path segment (run ids hold ':' and '+'). */
  static String seg(String s) {
    Objects.requireNonNull(s, "path segment");
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
