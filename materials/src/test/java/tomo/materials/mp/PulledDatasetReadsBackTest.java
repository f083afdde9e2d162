package tomo.materials.mp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.property.ValueSource;

/** A pulled file is a dataset the sweeps read: the project's own reader takes it as it is. */
class PulledDatasetReadsBackTest {
  @TempDir Path dir;

  @Test
  void interruptedAndResumedPullReadsBackWithStructuresAndValues() throws Exception {
    Path out = dir.resolve("materials_project.csv.gz");
    try (MaterialsProjectReplay api =
        new MaterialsProjectReplay(MaterialsProjectPullTest.fiveDocs())) {
      MaterialsProjectClient client =
          new MaterialsProjectClient(
              api.url(), MpApiKey.of(MaterialsProjectReplay.KEY), 1, Duration.ofMillis(1));
      api.failFromSkip = 2;
      try {
        MaterialsProjectPull.run(client, out, false, 2, 0, p -> {});
      } catch (MaterialsProjectException expected) {
        // interrupted after the first page
      }
      api.failFromSkip = Long.MAX_VALUE;
      MaterialsProjectPull.run(client, out, true, 2, 0, p -> {});
    }

    Dataset d = DatasetReader.read(out, new ReadOptions(false, 0, true));

    assertThat(d.skipped()).isEmpty();
    assertThat(d.rows())
        .extracting(MaterialRow::materialId)
        .containsExactly("mp-22862", "mp-149", "mp-1", "mp-13");
    MaterialRow nacl = d.rows().get(0);
    assertThat(nacl.structure().nsites()).isEqualTo(2);
    // fcc cell of edge 5.64 Å: volume a³/4
    assertThat(nacl.structure().volumeAngstrom3()).isCloseTo(2 * 2.82 * 2.82 * 2.82, within(1e-6));
    assertThat(nacl.value("band_gap").orElseThrow().number()).isEqualTo(5.0);
    assertThat(nacl.value("spacegroup.crystal_system").orElseThrow().category()).isEqualTo("cubic");
    assertThat(nacl.value("spacegroup.number").orElseThrow().category()).isEqualTo("225");
    assertThat(nacl.value("nsites").orElseThrow().source()).isEqualTo(ValueSource.FILE);
    MaterialRow graphite = d.rows().get(3);
    assertThat(graphite.structure().nsites()).isEqualTo(4);
    assertThat(graphite.value("spacegroup.crystal_system").orElseThrow().category())
        .isEqualTo("hexagonal");
  }
}
