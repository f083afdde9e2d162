package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * monitoring/prometheus through promtool, as .ci/monitoring.sh runs it, so that {@code mvn verify}
 * alone also catches a broken config, rule or rule test; and every alert has a unit test.
 */
class PrometheusRulesTest {
  private static final Path DIR = GrafanaDashboards.monitoringDir().resolve("prometheus");

  private static String promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Promtool.require("promtool").toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as("promtool %s%n%s", String.join(" ", args), output).isZero();
    return output;
  }

  private static List<String> files(String dir) throws Exception {
    try (Stream<Path> files = Files.list(DIR.resolve(dir))) {
      return files
          .filter(f -> f.toString().endsWith(".yml"))
          .map(f -> dir + "/" + f.getFileName())
          .sorted()
          .toList();
    }
  }

  @Test
  void configAndRulesAreValid() throws Exception {
    assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    args.addAll(files("rules"));
    assertThat(promtool(args.toArray(String[]::new))).contains("SUCCESS: 5 rules found");
  }

  @Test
  void ruleUnitTestsPassAndCoverEveryAlert() throws Exception {
    List<String> tests = files("tests");
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    args.addAll(tests);
    String output = promtool(args.toArray(String[]::new));
    assertThat(output).doesNotContain("FAILED");

    String rules = Files.readString(DIR.resolve("rules/tomo-alerts.yml"));
    StringBuilder allTests = new StringBuilder();
    for (String test : tests) {
      allTests.append(Files.readString(DIR.resolve(test)));
    }
    List<String> alerts =
        rules
            .lines()
            .filter(l -> l.trim().startsWith("- alert:"))
            .map(l -> l.substring(l.indexOf(':') + 1).trim())
            .toList();
    assertThat(alerts).hasSize(5);
    for (String alert : alerts) {
      assertThat(allTests.toString())
          .as("a promtool test for alert %s", alert)
          .contains("alertname: " + alert + "\n        exp_alerts:\n          - exp_labels:");
    }
  }
}
