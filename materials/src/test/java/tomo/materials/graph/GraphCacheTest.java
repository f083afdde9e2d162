package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.structure.Structure;

class GraphCacheTest {
  private static final String HASH = "ab".repeat(32);
  private static final List<String> IDS = new ArrayList<>();
  private static final List<Structure> STRUCTURES = new ArrayList<>();

  @TempDir Path dir;

  @BeforeAll
  static void crystals() {
    Random random = new Random(5);
    IDS.add("mp-nacl");
    STRUCTURES.add(TestCrystals.rockSalt(5.64));
    IDS.add("mp-cu");
    STRUCTURES.add(TestCrystals.fccPrimitive(3.61));
    IDS.add("mp-argon");
    STRUCTURES.add(TestCrystals.lonelyAtom(7.0));
    for (int i = 0; i < 200; i++) {
      IDS.add("mp-" + (1000 + i));
      STRUCTURES.add(TestCrystals.random(random, 1 + random.nextInt(30)));
    }
  }

  private GraphCache build(GraphSettings settings, String hash) {
    return GraphCache.openOrBuild(
        hash, IDS, STRUCTURES, settings, dir, 2, GraphCache.Progress.NONE);
  }

  @Test
  void roundTripGivesTheBuildersGraphsInDatasetOrder() {
    for (GraphSettings settings : List.of(GraphSettings.structure(), GraphSettings.composition())) {
      AtomicInteger last = new AtomicInteger();
      GraphCache cache =
          GraphCache.openOrBuild(
              HASH, IDS, STRUCTURES, settings, dir, 2, (done, total) -> last.set(done));
      assertThat(cache.builtNow()).isTrue();
      assertThat(last.get()).isEqualTo(IDS.size());
      assertThat(cache.size()).isEqualTo(IDS.size());
      CrystalGraphBuilder builder = new CrystalGraphBuilder(settings);
      long padded = 0;
      for (int i = 0; i < IDS.size(); i++) {
        CrystalGraph expected = builder.build(IDS.get(i), STRUCTURES.get(i));
        CrystalGraph actual = cache.get(i);
        assertThat(actual.materialId()).isEqualTo(IDS.get(i));
        assertThat(actual.atomicNumbers()).isEqualTo(expected.atomicNumbers());
        assertThat(actual.neighborIndices()).isEqualTo(expected.neighborIndices());
        assertThat(actual.neighborDistancesAngstrom())
            .isEqualTo(expected.neighborDistancesAngstrom());
        assertThat(actual.paddedSlots()).isEqualTo(expected.paddedSlots());
        padded += expected.paddedSlots();
      }
      assertThat(cache.paddedSlots()).isEqualTo(padded);
      assertThat(cache.get("mp-argon").paddedSlots())
          .isEqualTo(settings.mode() == GraphMode.STRUCTURE ? 6 : 0);
      assertThat(cache.nodeCount())
          .isEqualTo(STRUCTURES.stream().mapToLong(Structure::nsites).sum());
      assertThatThrownBy(() -> cache.get("mp-missing")).hasMessageContaining("mp-missing");
    }
  }

  @Test
  void anExistingCacheIsReusedNotRebuilt() {
    GraphCache first = build(GraphSettings.structure(), HASH);
    GraphCache second = build(GraphSettings.structure(), HASH);
    assertThat(second.builtNow()).isFalse();
    assertThat(second.file()).isEqualTo(first.file());
    assertThat(second.get(5).neighborIndices()).isEqualTo(first.get(5).neighborIndices());
  }

  @Test
  void otherDatasetOrSettingsGiveAnotherFile() {
    Path a = build(GraphSettings.structure(), HASH).file();
    Path b = build(GraphSettings.structure(), "cd".repeat(32)).file();
    Path c = build(GraphSettings.composition(), HASH).file();
    GraphSettings sixNeighbours =
        new GraphSettings(GraphMode.STRUCTURE, 6, 8.0, Double.NaN, GaussianExpansion.CGCNN);
    GraphCache d = build(sixNeighbours, HASH);
    assertThat(List.of(a, b, c, d.file())).doesNotHaveDuplicates();
    assertThat(d.get(0).neighborIndices()).hasSize(8 * 6);
    assertThat(GraphCache.open(b).datasetSha256()).isEqualTo("cd".repeat(32));
    assertThat(GraphCache.open(c).settingsKey()).isEqualTo(GraphSettings.composition().key());
  }

  @Test
  void aCorruptCacheIsDetectedAndRebuilt() throws IOException {
    Path file = build(GraphSettings.structure(), HASH).file();
    byte[] good = Files.readAllBytes(file);
    byte[] bad = good.clone();
    bad[bad.length - 100] ^= 0x40; // one flipped bit in the distances
    Files.write(file, bad);
    assertThatThrownBy(() -> GraphCache.open(file))
        .isInstanceOf(GraphCacheException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("corrupt");
    GraphCache rebuilt = build(GraphSettings.structure(), HASH);
    assertThat(rebuilt.builtNow()).isTrue();
    assertThat(Files.readAllBytes(file)).isEqualTo(good);
  }

  @Test
  void aTruncatedCacheIsDetected() throws IOException {
    Path file = build(GraphSettings.composition(), HASH).file();
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - 4);
    }
    assertThatThrownBy(() -> GraphCache.open(file)).hasMessageContaining("truncated");
    Files.write(file, new byte[10]);
    assertThatThrownBy(() -> GraphCache.open(file)).hasMessageContaining("truncated");
    Files.write(file, new byte[4096]);
    assertThatThrownBy(() -> GraphCache.open(file)).hasMessageContaining("not a tomo graph cache");
    assertThat(build(GraphSettings.composition(), HASH).builtNow()).isTrue();
  }

  @Test
  void buildingLeavesNoTemporaryFiles() throws IOException {
    build(GraphSettings.structure(), HASH);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".graphs"));
    }
  }

  @Test
  void settingsKeysAreStableAndDistinct() {
    assertThat(GraphSettings.structure().key())
        .isEqualTo("graphs-v1;mode=structure;M=12;cutoff=8.0;gauss=0.0:8.0:0.2:0.2");
    assertThat(GraphSettings.composition().key())
        .isEqualTo("graphs-v1;mode=composition;M=12;distance=1.0;gauss=0.0:8.0:0.2:0.2");
  }
}
