package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs Prometheus's {@code promtool} (Debian package {@code prometheus}, installed by CI). */
final class Promtool {
  private Promtool() {}

  /** Skips the calling test, saying why, when a Prometheus binary is not on the PATH. */
  static Path require(String binary) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, binary);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    Assumptions.abort(
        binary
            + " is not installed: install the Debian package 'prometheus' (.ci/monitoring.sh does)"
            + " to run this test");
    throw new AssertionError("unreachable");
  }

  /** The result of one promtool run. */
  record Result(int exitCode, String output) {}

  /** Pipes {@code exposition} into {@code promtool check metrics}. */
  static Result checkMetrics(String exposition) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(require("promtool").toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (var in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    return new Result(process.exitValue(), output);
  }
}
