package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

class CrystalGraphBuilderTest {
  private final CrystalGraphBuilder structure = new CrystalGraphBuilder(GraphSettings.structure());
  private final CrystalGraphBuilder composition =
      new CrystalGraphBuilder(GraphSettings.composition());

  @Test
  void structureGraphCarriesAtomicNumbersAndNearestNeighbours() {
    CrystalGraph g = structure.build("nacl", TestCrystals.rockSalt(5.64));
    assertThat(g.materialId()).isEqualTo("nacl");
    assertThat(g.atomicNumbers()).containsExactly(11, 11, 11, 11, 17, 17, 17, 17);
    assertThat(g.maxNeighbors()).isEqualTo(12);
    assertThat(g.neighborIndices()).hasSize(8 * 12);
    assertThat(g.paddedSlots()).isZero();
    assertThat(g.neighborDistancesAngstrom()[0]).isEqualTo(2.82f);
  }

  @Test
  void structureGraphCountsPaddedSlots() {
    CrystalGraph g = structure.build("argon-in-a-box", TestCrystals.lonelyAtom(7.0));
    assertThat(g.paddedSlots()).isEqualTo(6);
    assertThat(g.neighborDistancesAngstrom()[11]).isEqualTo(9.0f);
  }

  @Test
  void compositionGraphOfOneSiteIsSelfBondedInEverySlot() {
    CrystalGraph g = composition.build("cu", TestCrystals.fccPrimitive(3.61));
    assertThat(g.neighborIndices()).containsOnly(0).hasSize(12);
    assertThat(g.neighborDistancesAngstrom()).containsOnly(1.0f);
    assertThat(g.paddedSlots()).isZero();
  }

  @Test
  void compositionGraphOfFewSitesRepeatsEveryOtherSiteEvenly() {
    for (int n = 2; n <= 13; n++) {
      CrystalGraph g = composition.build("n" + n, cellOf(n));
      assertThat(g.neighborIndices()).hasSize(n * 12);
      assertThat(g.neighborDistancesAngstrom()).containsOnly(1.0f);
      assertThat(g.paddedSlots()).isZero();
      for (int i = 0; i < n; i++) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int k = 0; k < 12; k++) {
          counts.merge(g.neighborIndices()[i * 12 + k], 1, Integer::sum);
        }
        assertThat(counts.keySet())
            .as("n=%d site %d bonds to every other site", n, i)
            .hasSize(n - 1)
            .doesNotContain(i);
        int fewest = counts.values().stream().mapToInt(c -> c).min().orElseThrow();
        int most = counts.values().stream().mapToInt(c -> c).max().orElseThrow();
        assertThat(most - fewest).as("n=%d repeats are even", n).isLessThanOrEqualTo(1);
      }
    }
  }

  @Test
  void compositionGraphOfManySitesSamplesTwelveDistinctOthersAcrossTheCell() {
    // 30 sites listed grouped by element, 10 Li then 20 O: every node should see both elements
    // roughly in proportion (4 Li : 8 O), not just its own group
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      sites.add(TestCrystals.site(i < 10 ? "Li" : "O", i / 30.0, 0, 0));
    }
    Structure s = new Structure(Lattice.fromParameters(30, 5, 5, 90, 90, 90), sites);
    CrystalGraph g = composition.build("li2o-like", s);
    for (int i = 0; i < 30; i++) {
      Set<Integer> distinct = new HashSet<>();
      int lithium = 0;
      for (int k = 0; k < 12; k++) {
        int j = g.neighborIndices()[i * 12 + k];
        distinct.add(j);
        if (j < 10) {
          lithium++;
        }
      }
      assertThat(distinct).hasSize(12).doesNotContain(i);
      assertThat(lithium).as("Li neighbours of site %d", i).isBetween(3, 5);
    }
  }

  @Test
  void compositionGraphIgnoresGeometry() {
    Random random = new Random(11);
    Structure a = TestCrystals.random(random, 9);
    // same sites in the same order, other lattice and positions
    List<Site> moved = new ArrayList<>();
    for (Site s : a.sites()) {
      moved.add(new Site(s.element(), random.nextDouble(), random.nextDouble(), 0.5));
    }
    Structure b = new Structure(Lattice.fromParameters(9, 4, 17, 90, 100, 90), moved);
    CrystalGraph ga = composition.build("a", a);
    CrystalGraph gb = composition.build("b", b);
    assertThat(gb.neighborIndices()).isEqualTo(ga.neighborIndices());
    assertThat(gb.neighborDistancesAngstrom()).isEqualTo(ga.neighborDistancesAngstrom());
  }

  private static Structure cellOf(int n) {
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sites.add(TestCrystals.site(i % 2 == 0 ? "Ga" : "As", i / (double) n, 0.5, 0.5));
    }
    return new Structure(Lattice.fromParameters(3 * n, 4, 4, 90, 90, 90), sites);
  }
}
