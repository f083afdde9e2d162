package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

class NeighborSearchTest {
  private static final int M = 12;
  private static final double CUTOFF = 8.0;

  private record Neighbor(int index, double distance) {}

  /** Every image of every site in a generous translation range, sorted: the reference. */
  private static List<List<Neighbor>> bruteForce(Structure s, int m, double cutoff) {
    Lattice l = s.lattice();
    double[] w = l.perpendicularWidths();
    int[] range = new int[3];
    for (int k = 0; k < 3; k++) {
      range[k] = (int) Math.ceil(cutoff / w[k]) + 2;
    }
    List<List<Neighbor>> result = new ArrayList<>();
    double[] p = new double[3];
    double[] q = new double[3];
    for (Site si : s.sites()) {
      l.toCartesian(si.fracA(), si.fracB(), si.fracC(), p);
      List<Neighbor> all = new ArrayList<>();
      for (int j = 0; j < s.nsites(); j++) {
        Site sj = s.sites().get(j);
        for (int ta = -range[0]; ta <= range[0]; ta++) {
          for (int tb = -range[1]; tb <= range[1]; tb++) {
            for (int tc = -range[2]; tc <= range[2]; tc++) {
              l.toCartesian(sj.fracA() + ta, sj.fracB() + tb, sj.fracC() + tc, q);
              double d =
                  Math.sqrt(
                      (p[0] - q[0]) * (p[0] - q[0])
                          + (p[1] - q[1]) * (p[1] - q[1])
                          + (p[2] - q[2]) * (p[2] - q[2]));
              if (d <= cutoff && d > 1e-8) {
                all.add(new Neighbor(j, d));
              }
            }
          }
        }
      }
      all.sort(Comparator.comparingDouble(Neighbor::distance).thenComparingInt(Neighbor::index));
      result.add(all.subList(0, Math.min(m, all.size())));
    }
    return result;
  }

  private static int[] idx;
  private static float[] dist;

  private static int search(Structure s) {
    idx = new int[s.nsites() * M];
    dist = new float[s.nsites() * M];
    return new NeighborSearch(M, CUTOFF).search(s, idx, dist);
  }

  @Test
  void rockSaltHasSixUnlikeNeighboursAtHalfTheCellThenLikeOnes() {
    double a = 5.64;
    Structure nacl = TestCrystals.rockSalt(a);
    assertThat(search(nacl)).isZero();
    for (int i = 0; i < 8; i++) {
      boolean sodium = i < 4;
      for (int k = 0; k < 6; k++) {
        assertThat(dist[i * M + k]).isCloseTo((float) (a / 2), within(1e-5f));
        assertThat(idx[i * M + k] < 4)
            .as("nearest of site %d is the other element", i)
            .isNotEqualTo(sodium);
      }
      for (int k = 6; k < 12; k++) {
        assertThat(dist[i * M + k]).isCloseTo((float) (a / Math.sqrt(2)), within(1e-5f));
        assertThat(idx[i * M + k] < 4)
            .as("second shell of site %d is its own element", i)
            .isEqualTo(sodium);
      }
    }
  }

  @Test
  void oneSiteCellHasItsOwnImagesAsNeighbours() {
    Structure cu = TestCrystals.fccPrimitive(3.61);
    assertThat(search(cu)).isZero();
    for (int k = 0; k < M; k++) {
      assertThat(idx[k]).isZero();
      assertThat(dist[k]).isCloseTo((float) (3.61 / Math.sqrt(2)), within(1e-5f));
    }
  }

  @Test
  void sitesWithFewerNeighboursThanSlotsArePaddedAsCgcnnDoes() {
    // 7 Å box: the six face neighbours at 7 Å are in reach, the edge ones at 9.9 Å are not
    assertThat(search(TestCrystals.lonelyAtom(7.0))).isEqualTo(6);
    for (int k = 0; k < 6; k++) {
      assertThat(dist[k]).isCloseTo(7.0f, within(1e-5f));
    }
    for (int k = 6; k < M; k++) {
      assertThat(idx[k]).isZero();
      assertThat(dist[k]).isEqualTo(9.0f);
    }
    assertThat(search(TestCrystals.lonelyAtom(20.0))).isEqualTo(M);
  }

  @Test
  void agreesWithBruteForceOnRandomTriclinicCells() {
    Random random = new Random(20261124);
    NeighborSearch reused = new NeighborSearch(M, CUTOFF);
    for (int trial = 0; trial < 60; trial++) {
      Structure s = TestCrystals.random(random, 1 + random.nextInt(trial < 30 ? 6 : 40));
      int[] i2 = new int[s.nsites() * M];
      float[] d2 = new float[s.nsites() * M];
      int padded = reused.search(s, i2, d2);
      List<List<Neighbor>> reference = bruteForce(s, M, CUTOFF);
      int expectedPadding = 0;
      for (int i = 0; i < s.nsites(); i++) {
        List<Neighbor> ref = reference.get(i);
        expectedPadding += M - ref.size();
        for (int k = 0; k < ref.size(); k++) {
          assertThat((double) d2[i * M + k])
              .as("trial %d site %d slot %d", trial, i, k)
              .isCloseTo(ref.get(k).distance(), within(1e-5));
          // indices agree unless two candidates are (numerically) tied
          boolean tied =
              (k > 0 && Math.abs(ref.get(k - 1).distance() - ref.get(k).distance()) < 1e-9)
                  || (k + 1 < ref.size()
                      && Math.abs(ref.get(k + 1).distance() - ref.get(k).distance()) < 1e-9);
          if (!tied) {
            assertThat(i2[i * M + k])
                .as("trial %d site %d slot %d", trial, i, k)
                .isEqualTo(ref.get(k).index());
          }
        }
      }
      assertThat(padded).isEqualTo(expectedPadding);
    }
  }

  @Test
  void elongatedAndFlatCellsNeedManyImagesAndStillAgree() {
    Random random = new Random(7);
    Structure needle =
        new Structure(
            Lattice.fromParameters(1.9, 2.1, 30, 80, 100, 70),
            List.of(TestCrystals.site("C", 0, 0, 0), TestCrystals.site("C", 0.3, 0.6, 0.1)));
    Structure slab =
        new Structure(
            Lattice.fromParameters(12, 13, 1.5, 90, 90, 120),
            List.of(TestCrystals.site("C", 0.1, 0.2, 0.0), TestCrystals.site("N", 0.7, 0.1, 0.5)));
    for (Structure s : List.of(needle, slab, TestCrystals.random(random, 3))) {
      search(s);
      List<List<Neighbor>> reference = bruteForce(s, M, CUTOFF);
      for (int i = 0; i < s.nsites(); i++) {
        for (int k = 0; k < reference.get(i).size(); k++) {
          assertThat((double) dist[i * M + k])
              .isCloseTo(reference.get(i).get(k).distance(), within(1e-5));
        }
      }
    }
  }

  @Test
  void theSameInputGivesTheSameOutput() {
    Structure s = TestCrystals.random(new Random(3), 25);
    search(s);
    int[] firstIdx = idx.clone();
    float[] firstDist = dist.clone();
    search(s);
    assertThat(idx).isEqualTo(firstIdx);
    assertThat(dist).isEqualTo(firstDist);
  }
}
