package tomo.activities.airflow;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Airflow the integration tests talk to: the one named by {@code TOMO_AIRFLOW_URL} when set, or
 * else a fresh {@code airflow standalone} started (and later stopped) by {@code .ci/airflow.sh}.
 */
final class LocalAirflow implements AutoCloseable {
  private final Map<String, String> env;
  private final Path stateDir; // null when the instance is not ours to stop
  private final Path script;

  private LocalAirflow(Map<String, String> env, Path stateDir, Path script) {
    this.env = env;
    this.stateDir = stateDir;
    this.script = script;
  }

  static LocalAirflow startOrAttach() throws IOException, InterruptedException {
    if (System.getenv(AirflowConfig.ENV_URL) != null) {
      return new LocalAirflow(System.getenv(), null, null);
    }
    Path script = repoRoot().resolve(".ci/airflow.sh");
    Path state = Files.createTempDirectory("tomo-airflow-test");
    Process p =
        new ProcessBuilder("bash", script.toString(), "start", state.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Map<String, String> env = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        int eq = line.indexOf('=');
        if (line.startsWith("TOMO_AIRFLOW_") && eq > 0) {
          env.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    LocalAirflow airflow = new LocalAirflow(env, state, script);
    if (!p.waitFor(15, TimeUnit.MINUTES) || p.exitValue() != 0) {
      airflow.close();
      throw new IllegalStateException(
          script + " start failed (exit " + p.exitValue() + "); see " + state + "/airflow.log");
    }
    return airflow;
  }

  AirflowConfig config() {
    return AirflowConfig.fromEnvironment(env);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (stateDir != null) {
      new ProcessBuilder("bash", script.toString(), "stop", stateDir.toString())
          .inheritIO()
          .start()
          .waitFor(2, TimeUnit.MINUTES);
    }
  }

  private static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve(".ci/airflow.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          ".ci/airflow.sh not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }
}
