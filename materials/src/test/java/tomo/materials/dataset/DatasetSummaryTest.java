package tomo.materials.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.DatasetSummary.PropertySummary;
import tomo.materials.testing.Fixtures;

class DatasetSummaryTest {
  @TempDir Path dir;

  private Dataset threeMaterials() {
    String csv =
        DatasetFiles.HEADER
            + Fixtures.row("mp-1", "-2.0,1.0,,44.58,0.0,225,cubic", DatasetFiles.cif("Na"))
            + Fixtures.row("mp-2", "-1.0,2.0,0.5,44.58,0.0,221,cubic", DatasetFiles.cif("K"))
            + Fixtures.row("mp-3", "0.0,6.0,1.5,44.58,0.0,12,", DatasetFiles.cif("Fe"));
    return DatasetReader.read(DatasetFiles.write(dir, "d.csv", csv), ReadOptions.defaults());
  }

  private static PropertySummary property(DatasetSummary s, String name) {
    return s.properties().stream()
        .filter(p -> p.definition().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void coverageSeparatesFileDerivedAndMissing() {
    DatasetSummary s = DatasetSummary.of(threeMaterials());
    assertThat(s.rows()).isEqualTo(3);
    assertThat(s.properties()).hasSize(14);
    PropertySummary efermi = property(s, "efermi");
    assertThat(List.of(efermi.inFile(), efermi.derived(), efermi.missing()))
        .containsExactly(2, 0, 1);
    PropertySummary system = property(s, "spacegroup.crystal_system");
    assertThat(List.of(system.inFile(), system.derived(), system.missing()))
        .containsExactly(2, 1, 0);
    assertThat(system.classCounts())
        .containsExactly(java.util.Map.entry("monoclinic", 1), java.util.Map.entry("cubic", 2));
    PropertySummary energy = property(s, "energy");
    assertThat(energy.missing()).isEqualTo(3);
    assertThat(energy.mean()).isNaN();
  }

  @Test
  void numericStatisticsUseTheSampleStandardDeviation() {
    PropertySummary gap = property(DatasetSummary.of(threeMaterials()), "band_gap");
    assertThat(gap.mean()).isCloseTo(3.0, within(1e-12));
    assertThat(gap.std()).isCloseTo(Math.sqrt((4 + 1 + 9) / 2.0), within(1e-12));
    assertThat(gap.min()).isEqualTo(1.0);
    assertThat(gap.max()).isEqualTo(6.0);
  }

  @Test
  void elementsAndSitesPerCell() {
    DatasetSummary s = DatasetSummary.of(threeMaterials());
    assertThat(s.materialsPerElement().keySet())
        .extracting(e -> e.symbol())
        .containsExactly("Na", "Cl", "K", "Fe");
    assertThat(s.materialsPerElement().values()).containsExactly(1, 3, 1, 1);
    assertThat(s.sitesQuantile(0.5)).isEqualTo(2);
    assertThat(s.meanSites()).isEqualTo(2.0);
    assertThat(s.sitesHistogram()).containsExactly(0, 3);
  }

  @Test
  void derivedValuesCsvHasEveryRowAndDerivableColumn() throws Exception {
    Path out = dir.resolve("derived.csv");
    DerivedValuesCsv.write(threeMaterials(), out);
    List<String> lines = Files.readAllLines(out);
    assertThat(lines.get(0))
        .isEqualTo(
            "material_id,nsites,volume,density,spacegroup.crystal_system,is_hubbard,oxide_type");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(3)).startsWith("mp-3,2.0,44.5").endsWith(",monoclinic,false,none");
  }
}
