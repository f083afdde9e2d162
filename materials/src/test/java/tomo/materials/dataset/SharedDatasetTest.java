package tomo.materials.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tomo.materials.property.PropertyValue;
import tomo.materials.property.ValueSource;

/** Reads the whole shared mp2020-36k dataset. */
class SharedDatasetTest {

  @Test
  void readsEveryRowOfTheSharedDataset() {
    Path file = DatasetLocation.resolve(null); // fails naming where it looked when absent
    long start = System.nanoTime();
    Dataset dataset = DatasetReader.read(file, ReadOptions.defaults());
    System.out.printf(
        "read %d rows in %.1f s%n", dataset.size(), (System.nanoTime() - start) / 1e9);

    assertThat(dataset.size()).isEqualTo(36_738);
    assertThat(dataset.skipped()).isEmpty();
    assertThat(dataset.contentSha256()).hasSize(64);
    assertThat(dataset.rows().get(0).materialId()).isEqualTo("mp-1");

    long efermiMissing = dataset.rows().stream().filter(r -> r.value("efermi").isEmpty()).count();
    assertThat(efermiMissing).as("the README says efermi is empty in 2 rows").isEqualTo(2);
    for (String fromFile :
        new String[] {
          "formation_energy_per_atom",
          "band_gap",
          "volume",
          "total_magnetization",
          "spacegroup.number",
          "spacegroup.crystal_system"
        }) {
      assertThat(dataset.rows())
          .as(fromFile)
          .allSatisfy(
              r ->
                  assertThat(r.value(fromFile).map(PropertyValue::source))
                      .contains(ValueSource.FILE));
    }
    for (String derived : new String[] {"nsites", "density", "is_hubbard", "oxide_type"}) {
      assertThat(dataset.rows())
          .as(derived)
          .allSatisfy(
              r ->
                  assertThat(r.value(derived).map(PropertyValue::source))
                      .contains(ValueSource.DERIVED));
    }
    // the file's volume column equals the CIF cell volume
    assertThat(dataset.rows())
        .allSatisfy(
            r ->
                assertThat(r.structure().volumeAngstrom3())
                    .isCloseTo(
                        r.value("volume").orElseThrow().number(),
                        org.assertj.core.data.Percentage.withPercentage(1e-4)));
    double meanSites =
        dataset.rows().stream().mapToInt(r -> r.structure().nsites()).average().orElseThrow();
    assertThat(meanSites).isBetween(25.7, 25.9);
  }
}
