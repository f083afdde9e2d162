package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;

/** Graph caches of the first materials of the shared mp2020-36k dataset. */
class SharedDatasetGraphsTest {
  private static final int MATERIALS = 500;
  private static Dataset dataset;

  @TempDir Path cacheDir;

  @BeforeAll
  static void read() {
    dataset =
        DatasetReader.read(DatasetLocation.resolve(null), new ReadOptions(false, MATERIALS, false));
  }

  @Test
  void caesiumHasEightNearestNeighboursThenSix() {
    // mp-1: bcc Cs in its one-site primitive cell, a = 5.2914 Å (primitive vectors = nearest
    // neighbour distance), conventional cube edge 2a/√3 = 6.110 Å
    GraphCache cache =
        GraphCache.openOrBuild(
            dataset, GraphSettings.structure(), cacheDir, GraphCache.Progress.NONE);
    CrystalGraph cs = cache.get("mp-1");
    assertThat(cs.atomicNumbers()).containsExactly(55);
    assertThat(cs.neighborIndices()).containsOnly(0);
    double a = 5.29144986;
    for (int k = 0; k < 8; k++) {
      assertThat((double) cs.neighborDistancesAngstrom()[k]).isCloseTo(a, within(1e-5));
    }
    for (int k = 8; k < 12; k++) {
      assertThat((double) cs.neighborDistancesAngstrom()[k])
          .isCloseTo(2 * a / Math.sqrt(3), within(1e-5));
    }
  }

  @Test
  void everyGraphIsWellFormedInBothModes() {
    for (GraphSettings settings :
        new GraphSettings[] {GraphSettings.structure(), GraphSettings.composition()}) {
      GraphCache cache =
          GraphCache.openOrBuild(dataset, settings, cacheDir, GraphCache.Progress.NONE);
      assertThat(cache.size()).isEqualTo(MATERIALS);
      assertThat(cache.datasetSha256()).isEqualTo(dataset.contentSha256());
      for (int i = 0; i < cache.size(); i++) {
        CrystalGraph g = cache.get(i);
        assertThat(g.materialId()).isEqualTo(dataset.rows().get(i).materialId());
        assertThat(g.nodeCount()).isEqualTo(dataset.rows().get(i).structure().nsites());
        for (int slot = 0; slot < g.neighborIndices().length; slot++) {
          assertThat(g.neighborIndices()[slot]).isBetween(0, g.nodeCount() - 1);
          float d = g.neighborDistancesAngstrom()[slot];
          if (settings.mode() == GraphMode.STRUCTURE) {
            assertThat(d).isBetween(0.5f, 8.0f);
          } else {
            assertThat(d).isEqualTo(1.0f);
          }
        }
        // neighbours come nearest first
        for (int node = 0; node < g.nodeCount(); node++) {
          for (int k = 1; k < 12; k++) {
            assertThat(g.neighborDistancesAngstrom()[node * 12 + k])
                .isGreaterThanOrEqualTo(g.neighborDistancesAngstrom()[node * 12 + k - 1]);
          }
        }
      }
    }
  }
}
