package tomo.workers.temporal;

import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tomo.workflows.sweep.SweepSearchAttributes;

/**
 * The real Temporal server: {@code temporal server start-dev} of the Temporal CLI, on SQLite, as a
 * child process that can be stopped and started again on the same database file.
 */
final class DevServer implements AutoCloseable {
  private final Path binary;
  private final Path db;
  private final Path log;
  private final int port;

  /** The bundled Web UI's port, or 0 when the server runs headless. */
  private final int uiPort;

  private Process process;

  /** The server process and whatever it starts, killed even when a test run is cut short. */
  private final ChildProcesses processes = new ChildProcesses();

  DevServer(Path binary, Path dir) throws IOException, InterruptedException {
    this(binary, dir, false);
  }

  /**
   * @param withUi serve the bundled Web UI too (on 127.0.0.1, {@link #uiUrl()})
   */
  DevServer(Path binary, Path dir, boolean withUi) throws IOException, InterruptedException {
    this.binary = binary;
    this.db = dir.resolve("temporal.db");
    this.log = dir.resolve("temporal-server.log");
    this.port = EmbeddedServer.freePort();
    this.uiPort = withUi ? EmbeddedServer.freePort() : 0;
    try {
      start();
    } catch (IOException | InterruptedException | RuntimeException e) {
      processes.close(); // never ready: no test will close it
      throw e;
    }
  }

  /** The Temporal CLI: $TEMPORAL_CLI, then PATH, then ~/go/bin. */
  static Optional<Path> findBinary() {
    String env = System.getenv("TEMPORAL_CLI");
    if (env != null && Files.isExecutable(Path.of(env))) {
      return Optional.of(Path.of(env));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "temporal");
      if (!dir.isEmpty() && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    Path go = Path.of(System.getProperty("user.home"), "go", "bin", "temporal");
    return Files.isExecutable(go) ? Optional.of(go) : Optional.empty();
  }

  String target() {
    return "127.0.0.1:" + port;
  }

  /** The Web UI's address, e.g. {@code http://127.0.0.1:8233}. */
  String uiUrl() {
    if (uiPort == 0) {
      throw new IllegalStateException("this dev server runs headless");
    }
    return "http://127.0.0.1:" + uiPort;
  }

  Path binary() {
    return binary;
  }

  void start() throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "server",
                "start-dev",
                "--ip",
                "127.0.0.1",
                "--port",
                String.valueOf(port),
                "--http-port",
                String.valueOf(EmbeddedServer.freePort()),
                "--metrics-port",
                String.valueOf(EmbeddedServer.freePort()),
                "--db-filename",
                db.toString(),
                "--log-level",
                "warn"));
    if (uiPort == 0) {
      command.add("--headless");
    } else {
      command.addAll(List.of("--ui-ip", "127.0.0.1", "--ui-port", String.valueOf(uiPort)));
    }
    // as the README starts it: tomo's search attributes registered with the server
    command.addAll(SweepSearchAttributes.devServerFlags());
    process =
        processes.start(
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())));
    awaitReady(Duration.ofSeconds(90));
  }

  /** Stops the server as an operator would (SIGTERM), keeping its database. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      ChildProcesses.killTree(process.toHandle());
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("temporal dev server exited; see " + log);
        }
        try {
          stubs
              .blockingStub()
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .describeNamespace(
                  DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
          return;
        } catch (RuntimeException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("temporal dev server not ready; see " + log, notYet);
          }
          Thread.sleep(300);
        }
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  @Override
  public void close() throws InterruptedException {
    try {
      if (process != null && process.isAlive()) {
        stop();
      }
    } finally {
      processes.close();
    }
  }
}
