package tomo.activities.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback HTTP server answering like Airflow's REST API from scripted responses, and recording
 * every request it got. Unscripted requests get 404.
 */
final class FakeAirflow implements AutoCloseable {
  record Request(String method, String path, String query, String authorization, JsonNode body) {}

  record Answer(int status, String body) {}

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  FakeAirflow() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers {@code method path} with these responses in turn; the last one repeats. */
  FakeAirflow on(String method, String path, Answer... answers) {
    scripts.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
    return this;
  }

  static Answer answer(int status, String body) {
    return new Answer(status, body);
  }

  List<Request> requests(String method, String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.method.equals(method) && r.path.equals(path)).toList();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    URI uri = ex.getRequestURI();
    requests.add(
        new Request(
            ex.getRequestMethod(),
            uri.getPath(),
            uri.getRawQuery(),
            ex.getRequestHeaders().getFirst("Authorization"),
            body.isEmpty() ? null : json.readTree(body)));
    Deque<Answer> script = scripts.get(ex.getRequestMethod() + " " + uri.getPath());
    Answer a;
    if (script == null || script.isEmpty()) {
      a = new Answer(404, "{\"detail\":\"Not Found\"}");
    } else {
      a = script.size() > 1 ? script.poll() : script.peek();
    }
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
