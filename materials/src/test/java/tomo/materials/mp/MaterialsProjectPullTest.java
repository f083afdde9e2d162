package tomo.materials.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaterialsProjectPullTest {
  @TempDir Path dir;
  private MaterialsProjectReplay api;
  private MaterialsProjectClient client;

  static List<ObjectNode> fiveDocs() {
    double[][] fcc = {{0, 2.82, 2.82}, {2.82, 0, 2.82}, {2.82, 2.82, 0}};
    double[][] cubic = {{4.1, 0, 0}, {0, 4.1, 0}, {0, 0, 4.1}};
    ObjectNode disordered =
        MaterialsProjectReplay.doc(
            "mp-4", cubic, new String[] {"Fe"}, new double[][] {{0, 0, 0}}, -0.1, 0, "Cubic", 221);
    // a site shared by two species: not a structure the CGCNN graphs can use
    ObjectNode sp = (ObjectNode) disordered.path("structure").path("sites").get(0);
    sp.putArray("species")
        .add(sp.objectNode().put("element", "Fe").put("occu", 0.5))
        .add(sp.objectNode().put("element", "Ni").put("occu", 0.5));
    return List.of(
        MaterialsProjectReplay.doc(
            "mp-22862",
            fcc,
            new String[] {"Na", "Cl"},
            new double[][] {{0, 0, 0}, {0.5, 0.5, 0.5}},
            -2.1,
            5.0,
            "Cubic",
            225),
        MaterialsProjectReplay.doc(
            "mp-149",
            fcc,
            new String[] {"Si", "Si"},
            new double[][] {{0, 0, 0}, {0.25, 0.25, 0.25}},
            0.0,
            0.61,
            "Cubic",
            227),
        MaterialsProjectReplay.doc(
            "mp-1", cubic, new String[] {"Cs"}, new double[][] {{0, 0, 0}}, 0.03, 0, "Cubic", 229),
        disordered,
        MaterialsProjectReplay.doc(
            "mp-13",
            new double[][] {{2.47, 0, 0}, {-1.235, 2.139, 0}, {0, 0, 6.8}},
            new String[] {"C", "C", "C", "C"},
            new double[][] {
              {0, 0, 0.25}, {0, 0, 0.75}, {1 / 3.0, 2 / 3.0, 0.25}, {2 / 3.0, 1 / 3.0, 0.75}
            },
            0.01,
            0,
            "Hexagonal",
            194));
  }

  @BeforeEach
  void start() throws IOException {
    api = new MaterialsProjectReplay(fiveDocs());
    client =
        new MaterialsProjectClient(
            api.url(), MpApiKey.of(MaterialsProjectReplay.KEY), 2, Duration.ofMillis(1));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  static List<CsvRecord> read(Path gz) throws IOException {
    try (Reader r =
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8);
        CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(r)) {
      List<CsvRecord> rows = new ArrayList<>();
      csv.forEach(rows::add);
      return rows;
    }
  }

  @Test
  void writesTheDatasetLayoutPageByPage() throws IOException {
    Path out = dir.resolve("materials_project.csv.gz");

    MaterialsProjectPull.Progress p = MaterialsProjectPull.run(client, out, false, 2, 0, x -> {});

    assertThat(p.complete()).isTrue();
    assertThat(p.rowsWritten()).isEqualTo(4);
    assertThat(p.skippedMaterials()).isEqualTo(1);
    List<CsvRecord> rows = read(out);
    assertThat(rows.get(0).getFields()).isEqualTo(MaterialsProjectPull.HEADER);
    assertThat(rows).hasSize(5);
    assertThat(rows.subList(1, 5))
        .extracting(r -> r.getField(0))
        .containsExactly("mp-22862", "mp-149", "mp-1", "mp-13");
    CsvRecord nacl = rows.get(1);
    int h = MaterialsProjectPull.HEADER.indexOf("spacegroup.crystal_system");
    assertThat(nacl.getField(h)).isEqualTo("cubic");
    assertThat(nacl.getField(MaterialsProjectPull.HEADER.indexOf("spacegroup.number")))
        .isEqualTo("225");
    assertThat(nacl.getField(MaterialsProjectPull.HEADER.indexOf("formation_energy_per_atom")))
        .isEqualTo("-2.1");
    assertThat(nacl.getField(MaterialsProjectPull.HEADER.indexOf("energy"))).isEqualTo("-9.0");
    assertThat(nacl.getField(MaterialsProjectPull.HEADER.indexOf("nsites"))).isEqualTo("2");
    String cif = nacl.getField(MaterialsProjectPull.HEADER.indexOf("cif"));
    assertThat(cif)
        .contains("_symmetry_space_group_name_H-M   'P 1'")
        .contains("_cell_angle_alpha   60.00000000")
        .contains("  Cl  Cl1  1  0.50000000  0.50000000  0.50000000  1\n");
    // pages of 2 by offset, every request carrying the key and asking only for the needed fields
    assertThat(api.queries).hasSize(3);
    assertThat(api.queries.get(2)).contains("_skip=4").contains("_limit=2").contains("structure");
    assertThat(api.keys).containsOnly(MaterialsProjectReplay.KEY);
  }

  @Test
  void resumesAfterAnInterruptionWithoutLosingOrRepeatingRows() throws IOException {
    Path out = dir.resolve("mp.csv.gz");
    api.failFromSkip = 2;

    assertThatThrownBy(() -> MaterialsProjectPull.run(client, out, false, 2, 0, x -> {}))
        .isInstanceOf(MaterialsProjectException.class)
        .hasMessageContaining("--resume")
        .hasMessageNotContaining(MaterialsProjectReplay.KEY);
    MaterialsProjectPull.Progress saved =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readValue(
                MaterialsProjectPull.progressFile(out).toFile(),
                MaterialsProjectPull.Progress.class);
    assertThat(saved.nextSkip()).isEqualTo(2);
    assertThat(saved.complete()).isFalse();
    // a crash half-way through writing the next page leaves bytes past the last checkpoint
    Files.write(out, new byte[] {0x1f, (byte) 0x8b, 8, 0, 42}, StandardOpenOption.APPEND);

    assertThatThrownBy(() -> MaterialsProjectPull.run(client, out, false, 2, 0, x -> {}))
        .hasMessageContaining("exists")
        .hasMessageContaining("--resume");
    api.failFromSkip = Long.MAX_VALUE;
    MaterialsProjectPull.Progress done = MaterialsProjectPull.run(client, out, true, 2, 0, x -> {});

    assertThat(done.complete()).isTrue();
    assertThat(read(out).stream().skip(1).map(r -> r.getField(0)).toList())
        .containsExactly("mp-22862", "mp-149", "mp-1", "mp-13");
    // a finished pull resumed again asks nothing
    int before = api.queries.size();
    MaterialsProjectPull.run(client, out, true, 2, 0, x -> {});
    assertThat(api.queries).hasSize(before);
  }

  @Test
  void limitStopsEarlyAndAPlainCsvWorksToo() throws IOException {
    Path out = dir.resolve("small.csv");

    MaterialsProjectPull.Progress p = MaterialsProjectPull.run(client, out, false, 2, 3, x -> {});

    assertThat(p.rowsWritten()).isEqualTo(3);
    assertThat(p.complete()).isFalse();
    try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(out)) {
      assertThat(csv.stream().count()).isEqualTo(4);
    }
  }

  @Test
  void rejectedKeyIsReportedWithoutTheKey() throws IOException {
    Path keyFile = Files.writeString(dir.resolve("key"), "wrong-key-secret\n");
    MaterialsProjectClient wrong =
        new MaterialsProjectClient(api.url(), MpApiKey.fromFile(keyFile), 3, Duration.ofMillis(1));

    assertThatThrownBy(
            () -> MaterialsProjectPull.run(wrong, dir.resolve("x.csv.gz"), false, 2, 0, x -> {}))
        .isInstanceOf(MaterialsProjectException.class)
        .hasMessageContaining("rejected the API key")
        .hasMessageNotContaining("wrong-key-secret");
    assertThat(api.queries).hasSize(1); // not retried
    assertThat(MpApiKey.fromFile(keyFile).toString()).doesNotContain("wrong-key-secret");
  }

  @Test
  void rateLimitingIsRetried() throws IOException {
    api.failStatus = 429;
    api.failNext.set(2);
    MaterialsProjectClient patient =
        new MaterialsProjectClient(
            api.url(), MpApiKey.of(MaterialsProjectReplay.KEY), 5, Duration.ofMillis(50));

    MaterialsProjectPull.Progress p =
        MaterialsProjectPull.run(patient, dir.resolve("r.csv.gz"), false, 10, 0, x -> {});

    assertThat(p.rowsWritten()).isEqualTo(4);
    // two refused requests, retried after back-off, then every page once
    assertThat(api.queries.size()).isGreaterThanOrEqualTo(3);
    assertThat(api.failNext.get()).isZero();
  }
}
