package tomo.workers.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tomo.workers.metrics.MetricsOptions;
import tomo.workers.metrics.MetricsServer;
import tomo.workers.metrics.ProcessMetrics;
import tomo.workers.temporal.EmbeddedServer;

/** {@code tomo server}: Temporal's Java test server on a port, for local use (state in memory). */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description =
        "Run Temporal's Java test server on a port (in memory; tomo's search attributes"
            + " registered; for durable local runs use `temporal server start-dev --db-filename F`"
            + " with the README's --search-attribute flags). Start workers with --sticky-off.")
public final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "7233", description = "Port (default ${DEFAULT-VALUE}).")
  int port;

  @Mixin MetricsOptions metricsOptions;

  @Override
  public Integer call() throws InterruptedException {
    // the test server has no metrics of its own; the endpoint serves this JVM's
    try (EmbeddedServer server = new EmbeddedServer(port);
        ProcessMetrics metrics = ProcessMetrics.start(metricsOptions, MetricsServer.SERVER_PORT)) {
      System.out.println(
          "tomo server: Temporal test server on " + server.target() + " (Ctrl-C to stop)");
      CountDownLatch stop = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
      stop.await();
    }
    return 0;
  }
}
