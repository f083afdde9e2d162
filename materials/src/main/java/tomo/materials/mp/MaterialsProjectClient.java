package tomo.materials.mp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.structure.Element;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.PeriodicTable;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

/**
 * Reads the Materials Project's {@code /materials/summary/} endpoint page by page ({@code _skip},
 * {@code _limit}, {@code _fields}; the key in the {@code X-API-KEY} header). Rate limiting (429),
 * server errors and dropped connections are retried with exponential backoff; a rejected key is
 * not.
 */
public final class MaterialsProjectClient {
  /** The public API. */
  public static final URI DEFAULT_ENDPOINT = URI.create("https://api.materialsproject.org");

  /** Summary fields the dataset layout needs. */
  public static final List<String> FIELDS =
      List.of(
          "material_id",
          "formation_energy_per_atom",
          "band_gap",
          "efermi",
          "volume",
          "total_magnetization",
          "symmetry",
          "uncorrected_energy_per_atom",
          "energy_above_hull",
          "density",
          "nsites",
          "structure");

  private static final Logger log = LoggerFactory.getLogger(MaterialsProjectClient.class);

  private final URI endpoint;
  private final MpApiKey key;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final int maxAttempts;
  private final Duration firstBackoff;

  /** A client with 6 attempts per page, backing off from 2 s. */
  public MaterialsProjectClient(URI endpoint, MpApiKey key) {
    this(endpoint, key, 6, Duration.ofSeconds(2));
  }

  public MaterialsProjectClient(
      URI endpoint, MpApiKey key, int maxAttempts, Duration firstBackoff) {
    String e = endpoint.toString();
    this.endpoint = URI.create(e.endsWith("/") ? e.substring(0, e.length() - 1) : e);
    this.key = Objects.requireNonNull(key, "key");
    this.maxAttempts = maxAttempts;
    this.firstBackoff = firstBackoff;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
  }

  /**
   * One page of the summary endpoint.
   *
   * @param skip materials to skip (the page's offset)
   * @param limit page size
   */
  public SummaryPage page(long skip, int limit) {
    URI uri =
        URI.create(
            endpoint
                + "/materials/summary/?_fields="
                + String.join(",", FIELDS)
                + "&_all_fields=false&_skip="
                + skip
                + "&_limit="
                + limit);
    JsonNode root = get(uri);
    JsonNode data = root.path("data");
    if (!data.isArray()) {
      throw new MaterialsProjectException(uri + ": answer has no 'data' array");
    }
    List<MpMaterial> materials = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (JsonNode doc : data) {
      String id = doc.path("material_id").asText("?");
      try {
        materials.add(material(doc));
      } catch (IllegalArgumentException e) {
        skipped.add(id + ": " + e.getMessage());
      }
    }
    long total = root.path("meta").path("total_doc").asLong(-1);
    return new SummaryPage(materials, skipped, data.size(), total);
  }

  private JsonNode get(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofMinutes(2))
            .header("X-API-KEY", key.secret())
            .header("Accept", "application/json")
            .GET()
            .build();
    Duration backoff = firstBackoff;
    for (int attempt = 1; ; attempt++) {
      String problem;
      try {
        HttpResponse<String> r =
            http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        int status = r.statusCode();
        if (status == 200) {
          return json.readTree(r.body());
        }
        if (status == 401 || status == 403) {
          throw new MaterialsProjectException(
              "the Materials Project rejected the API key (HTTP " + status + ", " + uri + ")");
        }
        if (status != 429 && status < 500) {
          throw new MaterialsProjectException(
              "the Materials Project rejected "
                  + uri
                  + " (HTTP "
                  + status
                  + "): "
                  + clip(r.body()));
        }
        problem = "HTTP " + status;
      } catch (IOException e) {
        problem =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MaterialsProjectException("interrupted while reading " + uri);
      }
      if (attempt >= maxAttempts) {
        throw new MaterialsProjectException(
            uri + " failed " + attempt + " times, last: " + problem + "; run again with --resume");
      }
      log.warn("{} failed ({}), retrying in {} ms", uri, problem, backoff.toMillis());
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MaterialsProjectException("interrupted while reading " + uri);
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  /** One summary document; throws {@link IllegalArgumentException} naming the bad field. */
  static MpMaterial material(JsonNode doc) {
    String id = doc.path("material_id").asText(null);
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("no material_id");
    }
    JsonNode symmetry = doc.path("symmetry");
    String crystalSystem =
        symmetry.path("crystal_system").isTextual()
            ? symmetry.path("crystal_system").asText().toLowerCase(Locale.ROOT)
            : null;
    return new MpMaterial(
        id,
        number(doc, "formation_energy_per_atom"),
        number(doc, "band_gap"),
        number(doc, "efermi"),
        number(doc, "volume"),
        number(doc, "total_magnetization"),
        symmetry.path("number").asInt(0),
        crystalSystem,
        number(doc, "uncorrected_energy_per_atom"),
        number(doc, "energy_above_hull"),
        number(doc, "density"),
        structure(doc.path("structure")));
  }

  private static double number(JsonNode doc, String field) {
    JsonNode n = doc.path(field);
    if (n.isMissingNode() || n.isNull()) {
      return Double.NaN;
    }
    if (!n.isNumber()) {
      throw new IllegalArgumentException("field " + field + ": expected a number, got " + n);
    }
    return n.asDouble();
  }

  /** A pymatgen structure document: lattice.matrix rows in Å, sites with species and abc. */
  static Structure structure(JsonNode s) {
    JsonNode m = s.path("lattice").path("matrix");
    if (!m.isArray() || m.size() != 3) {
      throw new IllegalArgumentException("field structure.lattice.matrix: expected 3×3 numbers");
    }
    double[] v = new double[9];
    for (int i = 0; i < 3; i++) {
      JsonNode row = m.get(i);
      if (!row.isArray() || row.size() != 3) {
        throw new IllegalArgumentException("field structure.lattice.matrix: expected 3×3 numbers");
      }
      for (int j = 0; j < 3; j++) {
        v[3 * i + j] = row.get(j).asDouble(Double.NaN);
      }
    }
    Lattice lattice = new Lattice(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8]);
    if (!(lattice.volumeAngstrom3() > 1e-6)) {
      throw new IllegalArgumentException("field structure.lattice.matrix: cell has no volume");
    }
    List<Site> sites = new ArrayList<>();
    int i = 0;
    for (JsonNode site : s.path("sites")) {
      JsonNode species = site.path("species");
      if (species.size() != 1 || Math.abs(species.get(0).path("occu").asDouble(1) - 1) > 1e-6) {
        throw new IllegalArgumentException(
            "field structure.sites["
                + i
                + "].species: only fully occupied ordered sites are supported");
      }
      String symbol = species.get(0).path("element").asText("");
      int index = i;
      Element element =
          PeriodicTable.bySymbol(symbol)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "field structure.sites["
                              + index
                              + "]: unknown element '"
                              + symbol
                              + "'"));
      JsonNode abc = site.path("abc");
      if (!abc.isArray() || abc.size() != 3) {
        throw new IllegalArgumentException(
            "field structure.sites[" + i + "].abc: expected 3 fractional coordinates");
      }
      sites.add(
          new Site(element, abc.get(0).asDouble(), abc.get(1).asDouble(), abc.get(2).asDouble()));
      i++;
    }
    if (sites.isEmpty()) {
      throw new IllegalArgumentException("field structure.sites: no sites");
    }
    return new Structure(lattice, sites);
  }

  private static String clip(String body) {
    String t = body == null ? "" : body.strip();
    return t.length() <= 300 ? t : t.substring(0, 300) + "…";
  }

  /**
   * One page.
   *
   * @param materials the usable materials
   * @param skipped "id: reason" of each material that could not be used (e.g. disordered sites)
   * @param rawCount documents in the page, usable or not (a short page is the last)
   * @param totalDoc the endpoint's {@code meta.total_doc}, or -1 when absent
   */
  public record SummaryPage(
      List<MpMaterial> materials, List<String> skipped, int rawCount, long totalDoc) {}
}
