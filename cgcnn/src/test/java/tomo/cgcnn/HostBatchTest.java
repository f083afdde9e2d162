package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/** A reused batch holds exactly what a freshly packed one holds, whatever it held before. */
class HostBatchTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(120, 6, 4, 5.0, new GaussianExpansion(0, 5, 0.5, 0.5), 5);

  @ParameterizedTest
  @CsvSource({"energy, kind", "kind, size", "energy,"})
  void aReusedBatchEqualsAFreshOne(String target, String extra) {
    TrainingConfig config = TrainingConfig.paper(target, extra, GraphMode.STRUCTURE, 9, 3);
    PreparedData prepared = new PreparedData(DATA, config.task(), config.hyper().scaling());
    int[] rows = prepared.train;
    HostBatch reused = new HostBatch();
    // small, then large (the buffers grow), then small again (stale values past the end)
    int[][] ranges = {{0, 5}, {5, 45}, {45, 52}, {10, 40}};
    for (int[] r : ranges) {
      prepared.pack(rows, r[0], r[1], reused);
      HostBatch fresh = prepared.batch(rows, r[0], r[1]);
      int m = DATA.maxNeighbors();
      assertThat(reused.crystals()).isEqualTo(r[1] - r[0]);
      assertThat(reused.atoms()).isEqualTo(fresh.atoms());
      int n = fresh.atoms();
      int b = fresh.crystals();
      int w = prepared.extraWidth;
      assertSame(reused.atomicNumbers(), fresh.atomicNumbers(), n * 8);
      assertSame(reused.crystalOfAtom(), fresh.crystalOfAtom(), n * 8);
      assertSame(reused.neighbors(), fresh.neighbors(), n * m * 8);
      assertSame(reused.distancesAngstrom(), fresh.distancesAngstrom(), n * m * 4);
      assertSame(reused.inverseAtomCount(), fresh.inverseAtomCount(), b * 4);
      assertSame(reused.extra(), fresh.extra(), b * w * 4);
      assertSame(reused.label(), fresh.label(), b * 8);
      assertThat(IntStream.range(0, b).mapToDouble(reused::raw).toArray())
          .containsExactly(IntStream.range(0, b).mapToDouble(fresh::raw).toArray());
    }
  }

  @ParameterizedTest
  @CsvSource({"energy, kind"})
  void oneHotExtraInputHasOneOnePerCrystal(String target, String extra) {
    TrainingConfig config = TrainingConfig.paper(target, extra, GraphMode.STRUCTURE, 9, 3);
    PreparedData prepared = new PreparedData(DATA, config.task(), config.hyper().scaling());
    HostBatch batch = new HostBatch();
    prepared.pack(prepared.train, 0, 30, batch);
    prepared.pack(prepared.train, 30, 50, batch);
    for (int k = 0; k < 20; k++) {
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        sum += batch.extra().getFloat((k * 3 + c) * 4);
      }
      assertThat(sum).as("crystal %d", k).isEqualTo(1.0);
    }
  }

  private static void assertSame(ByteBuffer actual, ByteBuffer expected, int bytes) {
    assertThat(actual.isDirect()).isTrue();
    byte[] a = new byte[bytes];
    byte[] e = new byte[bytes];
    actual.get(0, a);
    expected.get(0, e);
    assertThat(a).isEqualTo(e);
  }
}
