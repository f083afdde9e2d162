package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.testing.Fixtures;

class DatasetInspectCommandTest {
  @TempDir Path dir;

  private static final String HEADER = "material_id,band_gap,efermi,spacegroup.number,cif\n";

  /** A CsCl-type cell of {@code element} and oxygen. */
  private static String cif(String element) {
    return Fixtures.cubicCif("x", 3.0, element + " 0 0 0", "O 0.5 0.5 0.5");
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path write(String csv) throws IOException {
    Path file = dir.resolve("d.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void printsRowsCoverageStatisticsAndSites() throws IOException {
    Path file =
        write(
            HEADER
                + "mp-1,1.0,0.5,221,\""
                + cif("Mg")
                + "\"\n"
                + "mp-2,3.0,,221,\""
                + cif("Fe")
                + "\"\n");
    Path derived = dir.resolve("derived.csv");
    CliRun r = run("dataset", "inspect", file.toString(), "--export-derived", derived.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("rows           2 materials")
        .contains("content sha256 ")
        .containsPattern("band_gap +eV +2 +0 +0 +2\\.0000 +1\\.4142 +1\\.0000 +3\\.0000")
        .containsPattern("efermi +eV +1 +0 +1 ")
        .containsPattern("density +g/cm³ +0 +2 +0 ")
        .containsPattern("energy +eV per cell +0 +0 +2 ")
        .containsPattern("spacegroup.crystal_system +\\(classes\\) +0 +2 +0")
        .contains("is_hubbard                 false 1, true 1")
        .contains("oxide_type                 oxide 2")
        .contains("Elements: 3 seen")
        .contains("O 2")
        .contains("Sites per cell: min 2")
        .contains("read time")
        .contains("isolated atoms none: every site has a neighbour within 8.0 Å");
    assertThat(Files.readAllLines(derived)).hasSize(3);
  }

  @Test
  void warnsOfSitesWithoutANeighbourWithinTheCutoff() throws IOException {
    // a 1,000 Å cell with 2 atoms 10 Å apart: the graph would see two atoms alone in space
    String huge = Fixtures.cubicCif("x", 1000, "Mg 0.25 0.25 0.25", "O 0.26 0.25 0.25");
    Path file =
        write(
            HEADER + "mp-1,1.0,0.5,221,\"" + cif("Mg") + "\"\nmp-9,2.0,0.1,221,\"" + huge + "\"\n");
    CliRun r = run("dataset", "inspect", file.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "isolated atoms WARNING: 2 site(s) in 1 material(s) have no neighbour within 8.0 Å")
        .contains("e.g. mp-9");
  }

  @Test
  void skipBadReportsEachSkippedRow() throws IOException {
    Path file =
        write(
            HEADER
                + "mp-1,1.0,0.5,221,\""
                + cif("Mg")
                + "\"\n"
                + "mp-2,NaN,0.5,221,\""
                + cif("Fe")
                + "\"\n"
                + "mp-3,1.0,0.5,221,\""
                + cif("Mg")
                + "\"\n");
    CliRun failing = run("dataset", "inspect", file.toString());
    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.err())
        .contains(file.toString())
        .contains("row 2")
        .contains("field band_gap");

    CliRun skipping = run("dataset", "inspect", file.toString(), "--skip-bad");
    assertThat(skipping.exitCode()).as(skipping.err()).isZero();
    assertThat(skipping.out())
        .contains("rows           2 materials")
        .contains("bad rows       1 skipped")
        .contains("row 2 (mp-2) field band_gap");
  }

  @Test
  void limitReadsTheFirstRows() throws IOException {
    Path file =
        write(
            HEADER
                + "mp-1,1.0,0.5,221,\""
                + cif("Mg")
                + "\"\n"
                + "mp-2,1.0,0.5,221,\""
                + cif("Mg")
                + "\"\n");
    CliRun r = run("dataset", "inspect", file.toString(), "--limit", "1");
    assertThat(r.out()).contains("rows           1 materials (--limit 1)");
  }

  @Test
  void absentFileIsAClearError() {
    CliRun r = run("dataset", "inspect", dir.resolve("nope.csv.gz").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("nope.csv.gz").contains("does not exist");
  }
}
