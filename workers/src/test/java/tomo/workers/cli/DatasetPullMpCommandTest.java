package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.workers.TomoCli;

class DatasetPullMpCommandTest {
  /** One page of /materials/summary/ as the API returns it: Cs, bcc, one site. */
  private static final String PAGE =
      """
      {"data": [{"material_id": "mp-1", "formation_energy_per_atom": 0.0388,
        "band_gap": 0.0, "efermi": 0.56, "volume": 114.05, "total_magnetization": 0.0023,
        "uncorrected_energy_per_atom": -0.9, "energy_above_hull": 0.0, "density": 1.93,
        "nsites": 1, "symmetry": {"crystal_system": "Cubic", "symbol": "Im-3m", "number": 229},
        "structure": {"@module": "pymatgen.core.structure", "@class": "Structure", "charge": 0,
          "lattice": {"matrix": [[-3.0549, 3.0549, 3.0549], [3.0549, -3.0549, 3.0549],
                                 [3.0549, 3.0549, -3.0549]], "pbc": [true, true, true]},
          "sites": [{"species": [{"element": "Cs", "occu": 1}], "abc": [0.0, 0.0, 0.0],
                     "xyz": [0.0, 0.0, 0.0], "label": "Cs", "properties": {}}]}}],
       "errors": [], "meta": {"api_version": "test", "total_doc": 1, "max_limit": 1000}}
      """;

  @TempDir Path dir;

  @Test
  void pullsIntoTheDatasetLayoutAndNeverPrintsTheKey() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/materials/summary/",
        ex -> {
          boolean keyOk = "k-123-secret".equals(ex.getRequestHeaders().getFirst("X-API-KEY"));
          byte[] body =
              (keyOk ? PAGE : "{\"detail\":\"bad key\"}").getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(keyOk ? 200 : 401, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    server.start();
    try {
      Path key = Files.writeString(dir.resolve("mp.key"), "k-123-secret\n");
      Path out = dir.resolve("materials_project.csv.gz");
      StringWriter stdout = new StringWriter();
      StringWriter stderr = new StringWriter();
      CommandLine cli = TomoCli.commandLine();
      cli.setOut(new PrintWriter(stdout));
      cli.setErr(new PrintWriter(stderr));

      int rc =
          cli.execute(
              "dataset",
              "pull-mp",
              "--api-key-file",
              key.toString(),
              "--out",
              out.toString(),
              "--endpoint",
              "http://127.0.0.1:" + server.getAddress().getPort());

      assertThat(rc).as(stderr.toString()).isZero();
      assertThat(stdout.toString()).contains("1 materials").doesNotContain("k-123-secret");
      String csv;
      try (var in = new GZIPInputStream(Files.newInputStream(out))) {
        csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      assertThat(csv)
          .startsWith(
              "material_id,formation_energy_per_atom,band_gap,efermi,volume,total_magnetization,"
                  + "spacegroup.number,spacegroup.crystal_system,")
          .contains("mp-1,0.0388,0.0,0.56,114.05,0.0023,229,cubic,")
          .contains("_cell_angle_alpha   109.47");

      Files.writeString(key, "other-key-secret");
      int again =
          cli.execute(
              "dataset",
              "pull-mp",
              "--api-key-file",
              key.toString(),
              "--out",
              dir.resolve("again.csv.gz").toString(),
              "--endpoint",
              "http://127.0.0.1:" + server.getAddress().getPort());
      assertThat(again).isEqualTo(1);
      assertThat(stderr.toString())
          .contains("rejected the API key")
          .doesNotContain("other-key-secret");
    } finally {
      server.stop(0);
    }
  }
}
