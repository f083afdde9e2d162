package tomo.workers.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a registry's meters at {@code http://HOST:PORT/metrics} in the Prometheus text format.
 * Binds to 127.0.0.1 unless told otherwise: metrics name datasets and sweeps, which need not leave
 * the machine unless the operator says so.
 */
public final class MetricsServer implements AutoCloseable {
  /** The loopback address a server binds to by default. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  /** Default port of an orchestration worker ({@code --metrics-port}); 0 picks a free one. */
  public static final int DEFAULT_PORT = 9464;

  /** Default port of a training worker. */
  public static final int TRAINING_PORT = 9465;

  /** Default port of {@code tomo demo} (both workers in one process). */
  public static final int EMBEDDED_PORT = 9466;

  /** Default port of {@code tomo server}. */
  public static final int SERVER_PORT = 9467;

  private static final Logger log = LoggerFactory.getLogger(MetricsServer.class);

  private final HTTPServer server;
  private final String host;

  private MetricsServer(HTTPServer server, String host) {
    this.server = server;
    this.host = host;
  }

  /**
   * Starts serving {@code registry} on {@code host:port}.
   *
   * @param host address to bind, e.g. {@value #DEFAULT_HOST} or 0.0.0.0
   * @param port TCP port, 0 for any free one
   * @throws UncheckedIOException naming the address when it cannot be bound
   */
  public static MetricsServer start(PrometheusMeterRegistry registry, String host, int port) {
    try {
      HTTPServer server =
          HTTPServer.builder()
              .hostname(host)
              .port(port)
              .registry(registry.getPrometheusRegistry())
              .buildAndStart();
      MetricsServer started = new MetricsServer(server, host);
      log.info("serving metrics at {}", started.uri());
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  /** Starts serving {@code registry} on 127.0.0.1:{@code port}. */
  public static MetricsServer start(PrometheusMeterRegistry registry, int port) {
    return start(registry, DEFAULT_HOST, port);
  }

  /** The port actually bound (useful after asking for port 0). */
  public int port() {
    return server.getPort();
  }

  /** The scrape URL. */
  public URI uri() {
    return URI.create("http://" + host + ":" + port() + "/metrics");
  }

  @Override
  public void close() {
    server.close();
  }
}
