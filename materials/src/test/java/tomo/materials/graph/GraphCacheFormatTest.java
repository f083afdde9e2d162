package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.Structure;

/**
 * The bytes of a graph cache file, which {@code bench/graph_cache.py} and caches built by earlier
 * versions rely on: checked against the layout spelled out field by field, and against a file
 * checked in when the format was defined.
 */
class GraphCacheFormatTest {
  private static final String HASH = "0123456789abcdef".repeat(4);
  private static final List<String> IDS = List.of("mp-cscl", "mp-po", "mp-argon");

  /** Axis-aligned cells, so every distance follows from exact arithmetic and square roots. */
  private static final List<Structure> STRUCTURES =
      List.of(
          new Structure(
              cubic(4.12),
              List.of(TestCrystals.site("Cs", 0, 0, 0), TestCrystals.site("Cl", 0.5, 0.5, 0.5))),
          new Structure(cubic(3.35), List.of(TestCrystals.site("Po", 0, 0, 0))),
          new Structure(cubic(7.0), List.of(TestCrystals.site("Ar", 0.25, 0.25, 0.25))));

  @TempDir Path dir;

  private static Lattice cubic(double a) {
    return new Lattice(a, 0, 0, 0, a, 0, 0, 0, a);
  }

  private byte[] build() throws IOException {
    GraphCache cache =
        GraphCache.openOrBuild(
            HASH, IDS, STRUCTURES, GraphSettings.structure(), dir, 2, GraphCache.Progress.NONE);
    return Files.readAllBytes(cache.file());
  }

  private static int align(long at) {
    return (int) ((at + 7) & ~7L);
  }

  @Test
  void theFileIsLaidOutAsDocumented() throws IOException {
    byte[] bytes = build();
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    String key = GraphSettings.structure().key();
    int m = 12;
    int nodes = 4;

    byte[] magic = new byte[8];
    b.get(0, magic);
    assertThat(new String(magic, StandardCharsets.US_ASCII)).isEqualTo("TOMOGRPH");
    assertThat(b.getInt(8)).as("version").isEqualTo(1);
    int headerBytes = align(60 + 4 + key.length() + 4 + HASH.length());
    assertThat(b.getInt(12)).as("header length").isEqualTo(headerBytes);
    assertThat(b.getLong(16)).as("file length").isEqualTo(bytes.length);
    CRC32C crc = new CRC32C();
    crc.update(bytes, 32, bytes.length - 32);
    assertThat(b.getLong(24)).as("checksum").isEqualTo(crc.getValue());
    assertThat(b.getInt(32)).as("materials").isEqualTo(3);
    assertThat(b.getInt(36)).as("neighbour slots").isEqualTo(m);
    assertThat(b.getLong(40)).as("nodes").isEqualTo(nodes);
    // only the argon atom alone in its 7 Å box has fewer than 12 neighbours within 8 Å
    assertThat(b.getLong(48)).as("padded slots").isEqualTo(6);
    assertThat(b.getInt(56)).as("index bytes").isEqualTo(2);
    assertThat(b.getInt(60)).isEqualTo(key.length());
    assertThat(new String(bytes, 64, key.length(), StandardCharsets.UTF_8)).isEqualTo(key);
    assertThat(b.getInt(64 + key.length())).isEqualTo(HASH.length());
    assertThat(new String(bytes, 68 + key.length(), HASH.length(), StandardCharsets.UTF_8))
        .isEqualTo(HASH);

    int at = headerBytes;
    assertThat(List.of(b.getInt(at), b.getInt(at + 4), b.getInt(at + 8), b.getInt(at + 12)))
        .as("material id offsets")
        .containsExactly(0, 7, 12, 20);
    at = align(at + 4 * 4);
    assertThat(new String(bytes, at, 20, StandardCharsets.UTF_8)).isEqualTo("mp-csclmp-pomp-argon");
    at = align(at + 20);
    assertThat(List.of(b.getLong(at), b.getLong(at + 8), b.getLong(at + 16), b.getLong(at + 24)))
        .as("node offsets")
        .containsExactly(0L, 2L, 3L, 4L);
    at = align(at + 8 * 4);
    assertThat(List.of(b.getInt(at), b.getInt(at + 4), b.getInt(at + 8)))
        .as("padded slots per material")
        .containsExactly(0, 0, 6);
    at = align(at + 4 * 3);
    assertThat(List.of(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]))
        .as("atomic numbers")
        .containsExactly((byte) 55, (byte) 17, (byte) 84, (byte) 18);
    at = align(at + nodes);
    int indicesAt = at;
    at = align(at + 2 * nodes * m);
    int distancesAt = at;
    assertThat(distancesAt + 4 * nodes * m)
        .as("the distances end the file")
        .isEqualTo(bytes.length);

    // Cs: its 8 Cl neighbours at a√3/2, then 4 of its 6 Cs images at a
    double a = 4.12;
    for (int k = 0; k < m; k++) {
      assertThat(b.getShort(indicesAt + 2 * k)).isEqualTo((short) (k < 8 ? 1 : 0));
      assertThat(b.getFloat(distancesAt + 4 * k))
          .isCloseTo((float) (k < 8 ? a * Math.sqrt(3) / 2 : a), within(1e-5f));
    }
    // Ar: 6 images at 7 Å, then 6 padding slots (itself, at the padding distance)
    int argon = 3 * m;
    for (int k = 0; k < m; k++) {
      assertThat(b.getShort(indicesAt + 2 * (argon + k))).isZero();
      assertThat(b.getFloat(distancesAt + 4 * (argon + k)))
          .isCloseTo(
              k < 6
                  ? 7.0f
                  : (float)
                      (GraphSettings.structure().cutoffAngstrom() + 1), // cutoff + 1, as CGCNN pads
              within(1e-5f));
    }
  }

  @Test
  void theFileIsByteForByteTheOneCheckedIn() throws IOException {
    byte[] expected;
    try (InputStream in = getClass().getResourceAsStream("three-crystals.graphs")) {
      assertThat(in).as("test resource three-crystals.graphs").isNotNull();
      expected = in.readAllBytes();
    }
    assertThat(build()).isEqualTo(expected);
  }
}
