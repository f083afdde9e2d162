package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static tomo.materials.graph.TestCrystals.site;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.Structure;

/** Sites without a neighbour within the cutoff are counted, from structures and from a cache. */
class IsolatedAtomsTest {
  @TempDir Path dir;

  private static Structure box(double a, List<tomo.materials.structure.Site> sites) {
    return new Structure(Lattice.fromParameters(a, a, a, 90, 90, 90), sites);
  }

  /** Rock salt (none isolated), a 1,000 Å cell of 2 atoms 10 Å apart, a half-isolated cell. */
  private static Dataset dataset() {
    Structure huge = box(1000, List.of(site("Ar", 0.25, 0.25, 0.25), site("Ar", 0.26, 0.25, 0.25)));
    // a pair 2 Å apart and a third atom ≥ 17 Å from both and from its own images (20 Å)
    Structure partly =
        box(20, List.of(site("O", 0, 0, 0), site("O", 0.1, 0, 0), site("Fe", 0.5, 0.5, 0.5)));
    return new Dataset(
        Path.of("test.csv"),
        "ab".repeat(32),
        List.of(
            new MaterialRow(1, "mp-salt", TestCrystals.rockSalt(5.64), Map.of()),
            new MaterialRow(2, "mp-huge", huge, Map.of()),
            new MaterialRow(3, "mp-partly", partly, Map.of())),
        List.of());
  }

  @Test
  void countsSitesWithoutANeighbourWithinTheCutoff() {
    IsolatedAtoms found = IsolatedAtoms.of(dataset(), 8.0);

    assertThat(found.any()).isTrue();
    assertThat(found.materials()).isEqualTo(2);
    assertThat(found.sites()).isEqualTo(3);
    assertThat(found.examples()).containsExactly("mp-huge", "mp-partly");
    assertThat(found.describe(8.0))
        .contains("3 site(s) in 2 material(s) have no neighbour within 8.0 Å")
        .contains("mp-huge, mp-partly");
    // a cutoff beyond the 10 Å pair leaves only the lone iron atom
    assertThat(IsolatedAtoms.of(dataset(), 12.0).sites()).isEqualTo(1);
  }

  @Test
  void aBuiltCacheGivesTheSameCountFromItsStoredDistances() {
    Dataset data = dataset();
    GraphCache structure =
        GraphCache.openOrBuild(data, GraphSettings.structure(), dir, GraphCache.Progress.NONE);
    GraphCache composition =
        GraphCache.openOrBuild(data, GraphSettings.composition(), dir, GraphCache.Progress.NONE);

    assertThat(IsolatedAtoms.in(structure, GraphSettings.structure()))
        .isEqualTo(IsolatedAtoms.of(data, GraphSettings.structure().cutoffAngstrom()));
    assertThat(IsolatedAtoms.in(composition, GraphSettings.composition()))
        .isEqualTo(IsolatedAtoms.NONE);
  }
}
