package tomo.workers.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import tomo.workflows.client.SearchAttributeRegistration;

/**
 * Temporal's Java test server bound to a port of the loopback interface (127.0.0.1), in this JVM
 * (state lives in memory).
 */
public final class EmbeddedServer implements AutoCloseable {
  private final TestServicesStarter services;
  private final Server server;
  private final int port;

  /**
   * @param port the port, 0 = any free one
   */
  public EmbeddedServer(int port) {
    this.port = port == 0 ? freePort() : port;
    // TestServer.createPortBoundServer binds every interface, and this server has no
    // authentication: the same services are bound here to the loopback address only. Time
    // skipping stays locked, as createPortBoundServer(port) has it: a sweep's retry window and
    // retry backoffs take real time, not skipped ahead whenever no activity runs
    this.services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port),
            InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    try {
      this.server = builder.build().start();
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot listen on " + target() + ": " + e.getMessage(), e);
    }
    registerSearchAttributes();
  }

  /**
   * tomo's search attributes (sweep, target, representation, state, failed cells), as {@code
   * temporal server start-dev --search-attribute} registers them on the dev server: the test server
   * refuses a workflow that sets an attribute it does not know.
   */
  private void registerSearchAttributes() {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target()).build());
    try {
      SearchAttributeRegistration.ensure(stubs, "default");
    } catch (RuntimeException e) {
      close();
      throw e;
    } finally {
      stubs.shutdownNow();
    }
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    services.close();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
