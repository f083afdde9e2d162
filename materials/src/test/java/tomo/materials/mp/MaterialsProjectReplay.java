package tomo.materials.mp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loopback stand-in for {@code /materials/summary/}: answers {@code _skip}/{@code _limit} pages
 * of summary documents in the API's response shape ({@code data}, {@code errors}, {@code meta} with
 * {@code total_doc}), and can be told to fail.
 */
final class MaterialsProjectReplay implements AutoCloseable {
  static final String KEY = "replay-key-0123456789abcdef";

  private final HttpServer server;
  private final ObjectMapper json = new ObjectMapper();
  private final List<ObjectNode> docs;
  final List<String> queries = Collections.synchronizedList(new ArrayList<>());
  final List<String> keys = Collections.synchronizedList(new ArrayList<>());
  volatile long failFromSkip = Long.MAX_VALUE;
  volatile int failStatus = 500;

  /** The next this-many requests with a valid key fail with {@link #failStatus}, then all pass. */
  final java.util.concurrent.atomic.AtomicInteger failNext =
      new java.util.concurrent.atomic.AtomicInteger();

  MaterialsProjectReplay(List<ObjectNode> docs) throws IOException {
    this.docs = docs;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/materials/summary/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange ex) throws IOException {
    String query = ex.getRequestURI().getRawQuery();
    queries.add(query);
    keys.add(ex.getRequestHeaders().getFirst("X-API-KEY"));
    Map<String, String> q = new HashMap<>();
    for (String kv : query.split("&")) {
      int eq = kv.indexOf('=');
      q.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    int status;
    String body;
    long skip = Long.parseLong(q.get("_skip"));
    int limit = Integer.parseInt(q.get("_limit"));
    if (!KEY.equals(ex.getRequestHeaders().getFirst("X-API-KEY"))) {
      status = 401;
      body = "{\"detail\":\"Invalid API key\"}";
    } else if (skip >= failFromSkip || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      status = failStatus;
      body = "{\"detail\":\"upstream timeout\"}";
    } else {
      ObjectNode root = json.createObjectNode();
      ArrayNode data = root.putArray("data");
      for (long i = skip; i < Math.min(docs.size(), skip + limit); i++) {
        data.add(docs.get((int) i));
      }
      root.putArray("errors");
      ObjectNode meta = root.putObject("meta");
      meta.put("api_version", "replay");
      meta.put("time_stamp", "2026-11-24T00:00:00");
      meta.put("total_doc", docs.size());
      meta.put("max_limit", 1000);
      meta.putArray("default_fields").add("material_id");
      meta.putObject("facet");
      status = 200;
      body = root.toString();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  /** A summary document as the API returns it (pymatgen structure dict, symmetry object). */
  static ObjectNode doc(
      String id,
      double[][] matrix,
      String[] elements,
      double[][] abc,
      double formationEnergy,
      double bandGap,
      String crystalSystem,
      int spacegroup) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode d = m.createObjectNode();
    d.put("material_id", id);
    d.put("formation_energy_per_atom", formationEnergy);
    d.put("band_gap", bandGap);
    d.put("efermi", 1.25);
    d.put("total_magnetization", 0.0);
    d.put("uncorrected_energy_per_atom", -4.5);
    d.put("energy_above_hull", 0.0);
    d.put("density", 2.1);
    d.put("nsites", elements.length);
    ObjectNode sym = d.putObject("symmetry");
    sym.put("crystal_system", crystalSystem);
    sym.put("number", spacegroup);
    sym.put("symbol", "Fm-3m");
    ObjectNode s = d.putObject("structure");
    s.put("@module", "pymatgen.core.structure");
    s.put("@class", "Structure");
    s.put("charge", 0);
    ObjectNode lattice = s.putObject("lattice");
    ArrayNode mat = lattice.putArray("matrix");
    double vol = 0;
    for (double[] row : matrix) {
      ArrayNode r = mat.addArray();
      for (double x : row) {
        r.add(x);
      }
    }
    vol =
        matrix[0][0] * (matrix[1][1] * matrix[2][2] - matrix[1][2] * matrix[2][1])
            - matrix[0][1] * (matrix[1][0] * matrix[2][2] - matrix[1][2] * matrix[2][0])
            + matrix[0][2] * (matrix[1][0] * matrix[2][1] - matrix[1][1] * matrix[2][0]);
    lattice.put("volume", Math.abs(vol));
    d.put("volume", Math.abs(vol));
    lattice.putArray("pbc").add(true).add(true).add(true);
    ArrayNode sites = s.putArray("sites");
    for (int i = 0; i < elements.length; i++) {
      ObjectNode site = sites.addObject();
      ObjectNode sp = site.putArray("species").addObject();
      sp.put("element", elements[i]);
      sp.put("occu", 1);
      ArrayNode a = site.putArray("abc");
      for (double x : abc[i]) {
        a.add(x);
      }
      site.put("label", elements[i]);
      site.putObject("properties");
    }
    return d;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
