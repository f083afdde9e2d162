package tomo.activities.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls of Airflow's REST API that tests make to set up and inspect an Airflow, and tomo never
 * makes: list the task instances of a run, set a Variable, pause a DAG. They go through {@link
 * AirflowClient}'s authentication and error mapping.
 */
final class AirflowAdmin {
  private static final int PAGE = 100;

  private final AirflowClient client;
  private final ObjectMapper json = new ObjectMapper();

  AirflowAdmin(AirflowClient client) {
    this.client = client;
  }

  /** Airflow 3 with a 30 s request timeout. */
  static AirflowConfig v2(URI baseUrl, AirflowCredentials credentials) {
    return new AirflowConfig(baseUrl, AirflowApiVersion.V2, credentials, Duration.ofSeconds(30));
  }

  /** All task instances of a DAG run (every page). */
  List<TaskInstance> listTaskInstances(String dagId, String runId) {
    List<TaskInstance> all = new ArrayList<>();
    int offset = 0;
    while (true) {
      JsonNode page =
          client.call(
              "GET",
              "/dags/"
                  + AirflowClient.seg(dagId)
                  + "/dagRuns/"
                  + AirflowClient.seg(runId)
                  + "/taskInstances?limit="
                  + PAGE
                  + "&offset="
                  + offset,
              null,
              "DAG run " + dagId + "/" + runId);
      JsonNode items = page.path("task_instances");
      for (JsonNode ti : items) {
        all.add(
            new TaskInstance(
                ti.path("task_id").asText(),
                ti.path("state").isNull() ? "" : ti.path("state").asText(""),
                ti.path("try_number").asInt(0),
                ti.path("map_index").asInt(-1)));
      }
      offset += items.size();
      int total = page.path("total_entries").asInt(offset);
      if (items.isEmpty() || offset >= total) {
        return all;
      }
    }
  }

  /** Creates or overwrites an Airflow Variable (e.g. settings a DAG reads). */
  void setVariable(String key, String value) {
    ObjectNode body = json.createObjectNode();
    body.put("key", key);
    body.put("value", value);
    try {
      client.call("POST", "/variables", body, "variable '" + key + "'");
    } catch (AirflowRequestException e) {
      if (e.status() != 409) {
        throw e;
      }
      client.call("PATCH", "/variables/" + AirflowClient.seg(key), body, "variable '" + key + "'");
    }
  }

  /** Pauses or unpauses a DAG. */
  void setPaused(String dagId, boolean paused) {
    ObjectNode body = json.createObjectNode();
    body.put("is_paused", paused);
    client.call(
        "PATCH",
        "/dags/" + AirflowClient.seg(dagId) + "?update_mask=is_paused",
        body,
        "DAG '" + dagId + "'");
  }
}
