package tomo.materials.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a dataset holds or derives, read from its header before anything is trained. */
class DatasetColumnsTest {
  @TempDir Path dir;

  @Test
  void theSharedDatasetLacksTheEnergiesAndDerivesTheRest() {
    DatasetColumns shared = DatasetColumns.read(DatasetLocation.resolve(null));
    assertThat(shared.columns()).contains("material_id", "cif", "band_gap", "spacegroup.number");
    for (String held :
        List.of(
            "band_gap",
            "formation_energy_per_atom",
            "total_magnetization",
            "volume",
            "efermi",
            "spacegroup.number",
            "spacegroup.crystal_system",
            // derived from the structure
            "nsites",
            "density",
            "is_hubbard",
            "oxide_type")) {
      assertThat(shared.unavailable(held)).as(held).isEmpty();
    }
    for (String lacking : List.of("energy", "energy_per_atom", "e_above_hull")) {
      assertThat(shared.unavailable(lacking))
          .as(lacking)
          .hasValueSatisfying(
              why ->
                  assertThat(why)
                      .contains("materials_project.csv.gz")
                      .contains("no '" + lacking + "' column")
                      .contains("cannot be derived"));
    }
    assertThat(shared.unavailable("bandgap"))
        .hasValueSatisfying(why -> assertThat(why).contains("'bandgap' is not a property"));
  }

  @Test
  void readsPlainAndGzipHeadersAndDerivesTheCrystalSystemOnlyFromTheSpaceGroup() throws Exception {
    String header = "material_id,band_gap,cif\nmp-1,1.0,\"data_x\"\n";
    Path plain = Files.writeString(dir.resolve("a.csv"), header);
    Path gz = dir.resolve("a.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(header.getBytes(StandardCharsets.UTF_8));
    }
    for (Path file : List.of(plain, gz)) {
      DatasetColumns c = DatasetColumns.read(file);
      assertThat(c.columns()).containsExactly("material_id", "band_gap", "cif");
      assertThat(c.unavailable("band_gap")).isEmpty();
      assertThat(c.unavailable("volume")).isEmpty();
      assertThat(c.unavailable("spacegroup.crystal_system"))
          .hasValueSatisfying(why -> assertThat(why).contains("'spacegroup.number'"));
    }
  }

  @Test
  void aMissingEmptyOrHeaderlessFileIsNamed() throws Exception {
    Path missing = dir.resolve("none.csv");
    assertThatThrownBy(() -> DatasetColumns.read(missing))
        .isInstanceOf(DatasetException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("does not exist");
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    assertThatThrownBy(() -> DatasetColumns.read(empty))
        .hasMessageContaining(empty.toString())
        .hasMessageContaining("empty file");
    Path noCif = Files.writeString(dir.resolve("nocif.csv"), "material_id,band_gap\nmp-1,1\n");
    assertThatThrownBy(() -> DatasetColumns.read(noCif))
        .hasMessageContaining(noCif.toString())
        .hasMessageContaining("field cif")
        .hasMessageContaining("the header lacks this column");
    assertThatThrownBy(() -> DatasetColumns.read(dir)).hasMessageContaining("is a directory");
  }
}
