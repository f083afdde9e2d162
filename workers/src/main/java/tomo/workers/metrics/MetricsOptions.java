package tomo.workers.metrics;

import picocli.CommandLine.Option;

/**
 * The {@code --metrics-*} options every long-running tomo command takes; mix in with {@code @Mixin
 * MetricsOptions metrics;} and call {@link ProcessMetrics#start(MetricsOptions)}.
 */
public final class MetricsOptions {
  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Serve Prometheus metrics at http://HOST:PORT/metrics (default: 9464 orchestration"
              + " worker, 9465 training worker, 9466 demo, 9467 server; 0 picks a free port; -1"
              + " serves none).")
  Integer port;

  @Option(
      names = "--metrics-host",
      paramLabel = "HOST",
      description =
          "Address the metrics endpoint binds to (default ${DEFAULT-VALUE}; 0.0.0.0 for all).")
  String host = MetricsServer.DEFAULT_HOST;

  /** Options with the defaults. */
  public MetricsOptions() {}

  /** Options for {@code host:port}; port -1 serves no endpoint. */
  public MetricsOptions(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** The port asked for, or {@code roleDefault} when none was. */
  public int port(int roleDefault) {
    return port == null ? roleDefault : port;
  }

  public String host() {
    return host;
  }
}
