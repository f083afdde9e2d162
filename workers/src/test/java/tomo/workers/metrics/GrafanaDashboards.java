package tomo.workers.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Reads monitoring/grafana/dashboards/*.json and what the tests need from them. */
final class GrafanaDashboards {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Grafana's own variables the queries may use, and what stands in for them in the tests. */
  static final Map<String, String> BUILT_INS =
      Map.of("__rate_interval", "20s", "__interval", "5s", "__range", "5m");

  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{(\\w+)(?::\\w+)?}|\\[\\[(\\w+)]]|\\$(\\w+)");

  private GrafanaDashboards() {}

  /** One dashboard file, parsed. */
  record Dashboard(Path file, JsonNode json) {
    String name() {
      return file.getFileName().toString();
    }

    /** Every panel, rows' nested panels included. */
    List<JsonNode> panels() {
      List<JsonNode> all = new ArrayList<>();
      for (JsonNode panel : json.path("panels")) {
        all.add(panel);
        panel.path("panels").forEach(all::add);
      }
      return all;
    }

    List<JsonNode> variables() {
      List<JsonNode> list = new ArrayList<>();
      json.path("templating").path("list").forEach(list::add);
      return list;
    }
  }

  /** One query of one panel. */
  record PanelQuery(
      String dashboard,
      int panelId,
      String panelTitle,
      String refId,
      String expr,
      boolean instant) {}

  /** The repository's monitoring/ directory, found from the test's working directory upwards. */
  static Path monitoringDir() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("monitoring").resolve("grafana").resolve("dashboards");
      if (Files.isDirectory(candidate)) {
        return dir.resolve("monitoring");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "no monitoring/grafana/dashboards above " + Path.of("").toAbsolutePath());
  }

  static List<Dashboard> all() {
    try (Stream<Path> files =
        Files.list(monitoringDir().resolve("grafana").resolve("dashboards"))) {
      List<Dashboard> dashboards = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        dashboards.add(new Dashboard(file, JSON.readTree(file.toFile())));
      }
      return dashboards;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<PanelQuery> queries(Dashboard dashboard) {
    List<PanelQuery> queries = new ArrayList<>();
    for (JsonNode panel : dashboard.panels()) {
      for (JsonNode target : panel.path("targets")) {
        queries.add(
            new PanelQuery(
                dashboard.name(),
                panel.path("id").asInt(),
                panel.path("title").asText(),
                target.path("refId").asText(),
                target.path("expr").asText(),
                target.path("instant").asBoolean(false)));
      }
    }
    return queries;
  }

  /** The names of the variables {@code text} refers to ($x, ${x}, ${x:fmt}, [[x]]). */
  static List<String> variablesIn(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      names.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
    }
    return names;
  }

  /** {@code expr} with every variable replaced as Grafana would, from {@code values}. */
  static String substitute(String expr, Map<String, String> values) {
    Matcher m = VARIABLE.matcher(expr);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
      String value = values.containsKey(name) ? values.get(name) : BUILT_INS.get(name);
      if (value == null) {
        throw new IllegalArgumentException("no value for variable $" + name + " in " + expr);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
