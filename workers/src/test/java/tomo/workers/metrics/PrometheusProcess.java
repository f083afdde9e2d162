package tomo.workers.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/** A real Prometheus server (Debian package) on 127.0.0.1, started for a test. */
final class PrometheusProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final URI base;
  private final HttpClient http = HttpClient.newHttpClient();

  private PrometheusProcess(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** Starts prometheus with {@code config} (YAML text) in {@code dir}; waits until it is ready. */
  static PrometheusProcess start(Path binary, Path dir, String config) throws Exception {
    Path configFile = dir.resolve("prometheus.yml");
    Files.writeString(configFile, config, StandardCharsets.UTF_8);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("prometheus.log").toFile())
            .start();
    PrometheusProcess prometheus =
        new PrometheusProcess(process, URI.create("http://127.0.0.1:" + port));
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "prometheus exited: " + Files.readString(dir.resolve("prometheus.log")));
      }
      try {
        HttpResponse<String> ready =
            prometheus.http.send(
                HttpRequest.newBuilder(prometheus.base.resolve("/-/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return prometheus;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    prometheus.close();
    throw new IllegalStateException("prometheus not ready within 60 s");
  }

  /** GET {@code path} with form-encoded {@code params} (name, value, name, value ...); the JSON. */
  JsonNode get(String path, String... params) throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < params.length; i += 2) {
      query.append(i == 0 ? "?" : "&");
      query.append(URLEncoder.encode(params[i], StandardCharsets.UTF_8));
      query.append('=');
      query.append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
    }
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(base.resolve(path + query)).build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode json = JSON.readTree(response.body());
    if (!"success".equals(json.path("status").asText())) {
      throw new IllegalStateException(
          path + " " + String.join(" ", params) + ": " + response.body());
    }
    return json.path("data");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
