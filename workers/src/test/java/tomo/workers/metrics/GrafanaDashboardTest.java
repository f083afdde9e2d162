package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.workers.ReadmeQueries;

/**
 * Grafana cannot run here, so this checks what Grafana needs from each dashboard JSON: a uid,
 * unique panel ids, a gridPos that fits the 24-column grid without overlaps, the ${datasource}
 * variable used by every panel and query, targets with a PromQL expression, and only defined
 * variables.
 */
class GrafanaDashboardTest {
  private static final Set<String> PANEL_TYPES =
      Set.of("row", "timeseries", "stat", "table", "bargauge", "gauge", "heatmap", "text");

  @Test
  void theExpectedDashboardsExist() {
    assertThat(GrafanaDashboards.all())
        .extracting(GrafanaDashboards.Dashboard::name)
        .contains("sweep-overview.json", "training.json", "temporal-sdk.json");
  }

  @Test
  void everyDashboardHasWhatGrafanaNeeds() {
    SoftAssertions soft = new SoftAssertions();
    Set<String> uids = new HashSet<>();
    for (GrafanaDashboards.Dashboard dashboard : GrafanaDashboards.all()) {
      String name = dashboard.name();
      JsonNode json = dashboard.json();
      String uid = json.path("uid").asText("");
      soft.assertThat(uid).as("%s: uid", name).matches("[A-Za-z0-9_-]{1,40}");
      soft.assertThat(uids.add(uid)).as("%s: uid %s unique across dashboards", name, uid).isTrue();
      soft.assertThat(json.path("title").asText("")).as("%s: title", name).isNotBlank();
      soft.assertThat(json.path("schemaVersion").isInt()).as("%s: schemaVersion", name).isTrue();

      Map<String, JsonNode> variables = new HashMap<>();
      dashboard.variables().forEach(v -> variables.put(v.path("name").asText(), v));
      JsonNode datasource = variables.get("datasource");
      soft.assertThat(datasource).as("%s: a variable named datasource", name).isNotNull();
      if (datasource != null) {
        soft.assertThat(datasource.path("type").asText())
            .as("%s: datasource type", name)
            .isEqualTo("datasource");
        soft.assertThat(datasource.path("query").asText())
            .as("%s: datasource plugin", name)
            .isEqualTo("prometheus");
      }
      for (JsonNode variable : variables.values()) {
        if (variable.path("type").asText().equals("query")) {
          soft.assertThat(variable.path("datasource").path("uid").asText())
              .as("%s: variable %s datasource", name, variable.path("name").asText())
              .isEqualTo("${datasource}");
          soft.assertThat(variable.path("query").path("query").asText(""))
              .as("%s: variable %s query", name, variable.path("name").asText())
              .isNotBlank();
        }
      }

      Set<Integer> ids = new HashSet<>();
      List<int[]> boxes = new ArrayList<>();
      int queries = 0;
      for (JsonNode panel : dashboard.panels()) {
        String where =
            name + ": panel " + panel.path("id") + " '" + panel.path("title").asText() + "'";
        soft.assertThat(panel.path("id").isInt()).as("%s: integer id", where).isTrue();
        soft.assertThat(ids.add(panel.path("id").asInt())).as("%s: unique id", where).isTrue();
        soft.assertThat(PANEL_TYPES)
            .as("%s: known type", where)
            .contains(panel.path("type").asText());
        soft.assertThat(panel.path("title").asText("")).as("%s: title", where).isNotBlank();
        JsonNode grid = panel.path("gridPos");
        int x = grid.path("x").asInt(-1);
        int y = grid.path("y").asInt(-1);
        int w = grid.path("w").asInt(-1);
        int h = grid.path("h").asInt(-1);
        soft.assertThat(
                grid.path("x").isInt()
                    && grid.path("y").isInt()
                    && grid.path("w").isInt()
                    && grid.path("h").isInt())
            .as("%s: gridPos x, y, w, h", where)
            .isTrue();
        soft.assertThat(x >= 0 && y >= 0 && w >= 1 && h >= 1 && x + w <= 24)
            .as("%s: gridPos %s inside the 24-column grid", where, grid)
            .isTrue();
        for (int[] other : boxes) {
          boolean overlaps =
              x < other[0] + other[2]
                  && other[0] < x + w
                  && y < other[1] + other[3]
                  && other[1] < y + h;
          soft.assertThat(overlaps)
              .as("%s: gridPos %s overlaps another panel", where, grid)
              .isFalse();
        }
        boxes.add(new int[] {x, y, w, h});
        if (panel.path("type").asText().equals("row")) {
          continue;
        }
        soft.assertThat(panel.path("datasource").path("uid").asText())
            .as("%s: datasource", where)
            .isEqualTo("${datasource}");
        JsonNode targets = panel.path("targets");
        soft.assertThat(targets.isArray() && !targets.isEmpty()).as("%s: targets", where).isTrue();
        Set<String> refIds = new HashSet<>();
        for (JsonNode target : targets) {
          queries++;
          String refId = target.path("refId").asText("");
          soft.assertThat(refId).as("%s: refId", where).isNotBlank();
          soft.assertThat(refIds.add(refId)).as("%s: refId %s unique", where, refId).isTrue();
          String expr = target.path("expr").asText("");
          soft.assertThat(expr).as("%s %s: expr", where, refId).isNotBlank();
          soft.assertThat(target.path("datasource").path("uid").asText())
              .as("%s %s: datasource", where, refId)
              .isEqualTo("${datasource}");
          for (String used : GrafanaDashboards.variablesIn(expr)) {
            soft.assertThat(
                    variables.containsKey(used) || GrafanaDashboards.BUILT_INS.containsKey(used))
                .as("%s %s: variable $%s is defined", where, refId, used)
                .isTrue();
          }
        }
      }
      soft.assertThat(queries).as("%s: queries", name).isPositive();
    }
    soft.assertAll();
  }

  /**
   * The "Failed cells" panel links each sweep's value to the README's failed-cells query in the
   * Temporal UI, for that sweep; every link of every panel uses only defined variables.
   */
  @Test
  void theFailedCellsPanelLinksToTheReadmesQueryInTheTemporalUi() {
    GrafanaDashboards.Dashboard overview =
        GrafanaDashboards.all().stream()
            .filter(d -> d.name().equals("sweep-overview.json"))
            .findFirst()
            .orElseThrow();
    Map<String, JsonNode> variables = new HashMap<>();
    overview.variables().forEach(v -> variables.put(v.path("name").asText(), v));
    assertThat(variables.get("temporal_ui")).as("a temporal_ui variable").isNotNull();
    assertThat(variables.get("temporal_ui").path("query").asText())
        .as("temporal_ui: compose's Temporal UI and namespace by default")
        .isEqualTo("http://localhost:8080/namespaces/default");

    JsonNode failed =
        overview.panels().stream()
            .filter(p -> p.path("title").asText().equals("Failed cells"))
            .findFirst()
            .orElseThrow();
    JsonNode links = failed.path("fieldConfig").path("defaults").path("links");
    assertThat(links.size()).as("data links of Failed cells").isEqualTo(1);
    String url = links.get(0).path("url").asText();
    String prefix = "${temporal_ui}/workflows?query=";
    assertThat(url).startsWith(prefix);
    String query =
        URLDecoder.decode(
            url.substring(prefix.length())
                .replace("${__field.labels.sweep:percentencode}", "sweep-7"),
            StandardCharsets.UTF_8);
    assertThat(query).isEqualTo(ReadmeQueries.failedCells("sweep-7"));

    for (GrafanaDashboards.Dashboard dashboard : GrafanaDashboards.all()) {
      Map<String, JsonNode> defined = new HashMap<>();
      dashboard.variables().forEach(v -> defined.put(v.path("name").asText(), v));
      for (JsonNode panel : dashboard.panels()) {
        List<JsonNode> all = new ArrayList<>();
        panel.path("links").forEach(all::add);
        panel.path("fieldConfig").path("defaults").path("links").forEach(all::add);
        for (JsonNode link : all) {
          for (String used : GrafanaDashboards.variablesIn(link.path("url").asText())) {
            assertThat(defined.containsKey(used) || used.startsWith("__"))
                .as("%s: panel %s link uses $%s", dashboard.name(), panel.path("id"), used)
                .isTrue();
          }
        }
      }
    }
  }

  /**
   * Every panel expression, variables substituted, is valid PromQL: promtool parses it as a
   * recording rule.
   */
  @Test
  void everyQueryIsValidPromql(@TempDir Path dir) throws Exception {
    Path promtool = Promtool.require("promtool");
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
    int n = 0;
    for (GrafanaDashboards.Dashboard dashboard : GrafanaDashboards.all()) {
      for (GrafanaDashboards.PanelQuery query : GrafanaDashboards.queries(dashboard)) {
        String expr = GrafanaDashboards.substitute(query.expr(), allValues(dashboard));
        rules
            .append("      - record: dashboard:query")
            .append(n++)
            .append("\n        expr: '")
            .append(expr.replace("'", "''"))
            .append("'\n");
      }
    }
    Path file = dir.resolve("dashboard-queries.yml");
    Files.writeString(file, rules, StandardCharsets.UTF_8);
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "rules", file.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS: " + n + " rules found");
  }

  /** Each query variable's "All" value, as Grafana substitutes it. */
  static Map<String, String> allValues(GrafanaDashboards.Dashboard dashboard) {
    Map<String, String> values = new HashMap<>();
    for (JsonNode variable : dashboard.variables()) {
      if (variable.path("type").asText().equals("query")) {
        values.put(variable.path("name").asText(), variable.path("allValue").asText(".*"));
      }
    }
    return values;
  }
}
