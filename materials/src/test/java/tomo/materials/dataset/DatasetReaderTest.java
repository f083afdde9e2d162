package tomo.materials.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.property.PropertyRegistry;
import tomo.materials.property.UnknownPropertyException;
import tomo.materials.property.ValueSource;
import tomo.materials.testing.Fixtures;

class DatasetReaderTest {
  @TempDir Path dir;

  private static String threeRows() {
    return DatasetFiles.HEADER
        + DatasetFiles.goodRow("mp-1")
        + Fixtures.row("mp-2", "-1.5,4.0,0.9,44.58,0.0,225,cubic", DatasetFiles.cif("K"))
        + DatasetFiles.goodRow("mp-3");
  }

  @Test
  void readsPlainAndGzipAlikeWithTheSameContentHash() throws Exception {
    String csv = threeRows();
    // names do not decide the format: a gzip file named .csv and a plain one named .gz
    Dataset plain =
        DatasetReader.read(DatasetFiles.write(dir, "a.gz", csv), ReadOptions.defaults());
    Dataset gz =
        DatasetReader.read(DatasetFiles.writeGzip(dir, "b.csv", csv), ReadOptions.defaults());
    String expected =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(csv.getBytes(StandardCharsets.UTF_8)));
    assertThat(plain.contentSha256()).isEqualTo(expected);
    assertThat(gz.contentSha256()).isEqualTo(expected);
    assertThat(gz.rows())
        .extracting(MaterialRow::materialId)
        .containsExactly("mp-1", "mp-2", "mp-3");
    assertThat(gz.rows()).extracting(MaterialRow::row).containsExactly(1, 2, 3);

    MaterialRow k = gz.rows().get(1);
    assertThat(k.structure().nsites()).isEqualTo(2);
    assertThat(k.value("band_gap").orElseThrow().number()).isEqualTo(4.0);
    assertThat(k.value("band_gap").orElseThrow().source()).isEqualTo(ValueSource.FILE);
    assertThat(k.value("spacegroup.number").orElseThrow().category()).isEqualTo("225");
    assertThat(k.value("spacegroup.crystal_system").orElseThrow().category()).isEqualTo("cubic");
    assertThat(k.value("nsites").orElseThrow().source()).isEqualTo(ValueSource.DERIVED);
    assertThat(k.value("nsites").orElseThrow().number()).isEqualTo(2);
    assertThat(k.value("density").orElseThrow().number())
        .isCloseTo((39.0983 + 35.45) / 44.58 * 1.66053906660, within(1e-3));
    assertThat(k.value("oxide_type").orElseThrow().category()).isEqualTo("none");
    assertThat(k.value("is_hubbard").orElseThrow().category()).isEqualTo("false");
    assertThat(k.value("energy")).isEmpty();
    assertThat(k.value("e_above_hull")).isEmpty();
  }

  @Test
  void limitReadsAPrefixButHashesTheWholeFile() {
    Path file = DatasetFiles.write(dir, "d.csv", threeRows());
    Dataset all = DatasetReader.read(file, ReadOptions.defaults());
    Dataset two = DatasetReader.read(file, ReadOptions.defaults().withLimit(2));
    assertThat(two.rows()).extracting(MaterialRow::materialId).containsExactly("mp-1", "mp-2");
    assertThat(two.contentSha256()).isEqualTo(all.contentSha256());
  }

  @Test
  void withoutDerivationOnlyFileValuesArePresent() {
    Path file = DatasetFiles.write(dir, "d.csv", threeRows());
    Dataset d = DatasetReader.read(file, new ReadOptions(false, 0, false));
    assertThat(d.rows().get(0).values().values())
        .allSatisfy(v -> assertThat(v.source()).isEqualTo(ValueSource.FILE));
    assertThat(d.rows().get(0).value("nsites")).isEmpty();
  }

  @Test
  void emptyCellIsMissingAndDerivedWhenPossible() {
    String csv =
        DatasetFiles.HEADER + Fixtures.row("mp-1", "-2.1,5.0,,,0.0,225,", DatasetFiles.cif("Na"));
    MaterialRow row =
        DatasetReader.read(DatasetFiles.write(dir, "d.csv", csv), ReadOptions.defaults())
            .rows()
            .get(0);
    assertThat(row.value("efermi")).isEmpty();
    assertThat(row.value("volume").orElseThrow().source()).isEqualTo(ValueSource.DERIVED);
    assertThat(row.value("volume").orElseThrow().number()).isCloseTo(44.58, within(0.01));
    assertThat(row.value("spacegroup.crystal_system").orElseThrow().category()).isEqualTo("cubic");
    assertThat(row.value("spacegroup.crystal_system").orElseThrow().source())
        .isEqualTo(ValueSource.DERIVED);
  }

  @Test
  void extraColumnsAreIgnored() {
    String csv =
        "material_id,comment,band_gap,cif\n"
            + "mp-1,\"hello, world\",1.5,\""
            + DatasetFiles.cif("Na")
            + "\"\n";
    MaterialRow row =
        DatasetReader.read(DatasetFiles.write(dir, "d.csv", csv), ReadOptions.defaults())
            .rows()
            .get(0);
    assertThat(row.values()).doesNotContainKey("comment").containsKey("band_gap");
  }

  // ---- bad input: each error names the file, the row and the field ----

  private void assertBad(String csv, String... expectedParts) {
    Path file = DatasetFiles.write(dir, "bad.csv", csv);
    assertThatThrownBy(() -> DatasetReader.read(file, ReadOptions.defaults()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(file.toString())
        .satisfies(
            e -> {
              for (String part : expectedParts) {
                assertThat(e.getMessage()).contains(part);
              }
            });
  }

  @Test
  void malformedCif() {
    assertBad(
        DatasetFiles.HEADER
            + DatasetFiles.goodRow("mp-1")
            + Fixtures.row(
                "mp-2", "-2.1,5.0,1.2,44.58,0.0,225,cubic", "data_x\n_cell_length_a 'oops\n"),
        "row 2",
        "field cif",
        "material_id mp-2",
        "CIF line 2",
        "no closing '");
  }

  @Test
  void unknownElement() {
    assertBad(
        DatasetFiles.HEADER
            + Fixtures.row("mp-7", "-2.1,5.0,1.2,44.58,0.0,225,cubic", DatasetFiles.cif("Zz")),
        "row 1",
        "field cif _atom_site_type_symbol",
        "'Zz' is not a known element");
  }

  @Test
  void missingCellParameter() {
    assertBad(
        DatasetFiles.HEADER
            + DatasetFiles.goodRow("mp-1")
            + Fixtures.row(
                "mp-2",
                "-2.1,5.0,1.2,44.58,0.0,225,cubic",
                DatasetFiles.cif("Na").replace("_cell_length_c   3.98\n", "")),
        "row 2",
        "field cif _cell_length_c",
        "missing");
  }

  @Test
  void zeroOrNegativeVolume() {
    assertBad(
        DatasetFiles.HEADER
            + Fixtures.row(
                "mp-1",
                "-2.1,5.0,1.2,44.58,0.0,225,cubic",
                DatasetFiles.cif("Na").replace("_cell_length_a   3.98", "_cell_length_a   0")),
        "row 1",
        "field cif _cell_length_a",
        "must be positive");
    assertBad(
        DatasetFiles.HEADER
            + Fixtures.row(
                "mp-1",
                "-2.1,5.0,1.2,44.58,0.0,225,cubic",
                DatasetFiles.cif("Na").replace("_cell_angle_gamma   60", "_cell_angle_gamma   0")),
        "row 1",
        "field cif _cell_angle_alpha/_cell_angle_beta/_cell_angle_gamma",
        "zero or negative cell volume");
  }

  @Test
  void partialOccupancy() {
    assertBad(
        DatasetFiles.HEADER
            + Fixtures.row(
                "mp-1",
                "-2.1,5.0,1.2,44.58,0.0,225,cubic",
                DatasetFiles.cif("Na").replace("0.0  0.0  0.0  1", "0.0  0.0  0.0  0.75")),
        "row 1",
        "field cif _atom_site_occupancy",
        "site Na0 has occupancy 0.75");
  }

  @Test
  void duplicateMaterialId() {
    assertBad(
        DatasetFiles.HEADER
            + DatasetFiles.goodRow("mp-1")
            + DatasetFiles.goodRow("mp-2")
            + DatasetFiles.goodRow("mp-1"),
        "row 3",
        "field material_id",
        "duplicate material_id 'mp-1' (first seen in row 1)");
  }

  @Test
  void nanOrUnparsableProperty() {
    assertBad(
        DatasetFiles.HEADER
            + DatasetFiles.goodRow("mp-1")
            + Fixtures.row("mp-2", "-2.1,NaN,1.2,44.58,0.0,225,cubic", DatasetFiles.cif("Na")),
        "row 2",
        "field band_gap",
        "expected a finite number in eV, got 'NaN'");
    assertBad(
        DatasetFiles.HEADER
            + Fixtures.row("mp-1", "-2.1,5.0,1.2,44.58,0.0,225,cubic-ish", DatasetFiles.cif("Na")),
        "row 1",
        "field spacegroup.crystal_system",
        "'cubic-ish' is not a class of spacegroup.crystal_system");
    assertBad(
        DatasetFiles.HEADER
            + Fixtures.row("mp-1", "-2.1,5.0,1.2,44.58,0.0,231,cubic", DatasetFiles.cif("Na")),
        "row 1",
        "field spacegroup.number",
        "expected a space-group number 1–230, got '231'");
  }

  @Test
  void emptyIdOrCif() {
    assertBad(
        DatasetFiles.HEADER + DatasetFiles.goodRow("mp-1") + DatasetFiles.goodRow(""),
        "row 2",
        "field material_id",
        "empty");
    assertBad(
        DatasetFiles.HEADER + Fixtures.row("mp-1", "-2.1,5.0,1.2,44.58,0.0,225,cubic", " "),
        "row 1",
        "field cif",
        "empty; expected the material's CIF");
  }

  @Test
  void wrongNumberOfFields() {
    assertBad(
        DatasetFiles.HEADER + DatasetFiles.goodRow("mp-1") + "mp-2,1.0,2.0\n",
        "row 2",
        "field efermi",
        "expected 9 fields as in the header, found 3");
  }

  @Test
  void unknownPropertyName() {
    assertThatThrownBy(() -> PropertyRegistry.byName("bandgap"))
        .isInstanceOf(UnknownPropertyException.class)
        .hasMessageContaining("unknown property 'bandgap'")
        .hasMessageContaining("band_gap")
        .hasMessageContaining("spacegroup.crystal_system");
  }

  @Test
  void emptyFile() {
    assertBad("", "header/file", "field header", "the file is empty");
    Path gz = DatasetFiles.writeGzip(dir, "empty.csv.gz", "");
    assertThatThrownBy(() -> DatasetReader.read(gz, ReadOptions.defaults()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(gz.toString())
        .hasMessageContaining("the file is empty");
  }

  @Test
  void headerWithoutCifColumn() {
    assertBad("material_id,band_gap\nmp-1,1.0\n", "field cif", "the header lacks this column");
  }

  @Test
  void corruptGzip() throws IOException {
    StringBuilder csv = new StringBuilder(DatasetFiles.HEADER);
    for (int i = 1; i <= 400; i++) {
      csv.append(DatasetFiles.goodRow("mp-" + i));
    }
    Path good = DatasetFiles.writeGzip(dir, "good.csv.gz", csv.toString());
    byte[] bytes = Files.readAllBytes(good);

    Path truncated = dir.resolve("truncated.csv.gz");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
    assertThatThrownBy(() -> DatasetReader.read(truncated, ReadOptions.defaults()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(truncated.toString())
        .hasMessageMatching(
            "(?s).*row \\d+, field -: cannot read the file after \\d+ complete data rows.*")
        .hasMessageContaining("gzip");

    byte[] garbled = bytes.clone();
    for (int i = 40; i < garbled.length - 20; i += 7) {
      garbled[i] ^= 0x5a;
    }
    Path corrupt = dir.resolve("corrupt.csv.gz");
    Files.write(corrupt, garbled);
    assertThatThrownBy(() -> DatasetReader.read(corrupt, ReadOptions.defaults()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(corrupt.toString())
        .hasMessageContaining("gzip");
  }

  @Test
  void skipBadContinuesAndReportsEveryBadRow() {
    String csv =
        DatasetFiles.HEADER
            + DatasetFiles.goodRow("mp-1")
            + Fixtures.row("mp-2", "-2.1,NaN,1.2,44.58,0.0,225,cubic", DatasetFiles.cif("Na"))
            + DatasetFiles.goodRow("mp-3")
            + Fixtures.row("mp-4", "-2.1,5.0,1.2,44.58,0.0,225,cubic", DatasetFiles.cif("Zz"))
            + DatasetFiles.goodRow("mp-1")
            + DatasetFiles.goodRow("mp-6");
    Path file = DatasetFiles.write(dir, "d.csv", csv);
    Dataset d = DatasetReader.read(file, ReadOptions.defaults().withSkipBad(true));
    assertThat(d.rows())
        .extracting(MaterialRow::materialId)
        .containsExactly("mp-1", "mp-3", "mp-6");
    assertThat(d.rows()).extracting(MaterialRow::row).containsExactly(1, 3, 6);
    assertThat(d.skipped()).extracting(BadRow::row).containsExactly(2, 4, 5);
    assertThat(d.skipped()).extracting(BadRow::materialId).containsExactly("mp-2", "mp-4", "mp-1");
    assertThat(d.skipped())
        .extracting(BadRow::field)
        .containsExactly("band_gap", "cif _atom_site_type_symbol", "material_id");
    assertThat(d.skipped()).allSatisfy(b -> assertThat(b.reason()).contains(file.toString()));
  }

  @Test
  void missingFile() {
    Path absent = dir.resolve("absent.csv");
    assertThatThrownBy(() -> DatasetReader.read(absent, ReadOptions.defaults()))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(absent.toString())
        .hasMessageContaining("does not exist");
  }
}
