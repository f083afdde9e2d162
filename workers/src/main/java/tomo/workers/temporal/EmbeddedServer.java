package tomo.workers.temporal;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Temporal's Java test server bound to a local port, in this JVM (state lives in memory). */
public final class EmbeddedServer implements AutoCloseable {
  private final TestServer.PortBoundTestServer server;
  private final int port;

  /**
   * @param port the port, 0 = any free one
   */
  public EmbeddedServer(int port) {
    this.port = port == 0 ? freePort() : port;
    this.server = TestServer.createPortBoundServer(this.port);
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    server.close();
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
