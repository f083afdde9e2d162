package tomo.materials.graph;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The graph cache file format, version 1: where each header field and each section lies. {@link
 * GraphCacheWriter} writes and {@link GraphCache} reads a file through these offsets only; {@code
 * bench/graph_cache.py} reads the same layout independently.
 *
 * <p>Only what the graphs are made of is stored: atomic numbers, neighbour indices and float32
 * distances; node and edge features follow from those ({@link NodeFeaturizer}, {@link
 * GaussianExpansion}). The header repeats the settings key and the dataset hash, so a file reused
 * under another name is never mistaken for another dataset's graphs.
 *
 * <p>Layout (little-endian; sections start at multiples of 8 bytes):
 *
 * <pre>
 *   0  8 bytes  magic "TOMOGRPH"
 *   8  int      format version (1)
 *  12  int      header length in bytes = start of the first section
 *  16  long     file length in bytes (a shorter file is truncated)
 *  24  long     CRC32C of bytes [32, file length)
 *  32  int      materials n
 *  36  int      neighbour slots per node M
 *  40  long     nodes A (all sites of all materials)
 *  48  long     padded slots, all materials
 *  56  int      bytes per neighbour index (2 when every material has at most 65,536 sites, else 4)
 *  60  int + UTF-8   settings key
 *      int + UTF-8   dataset SHA-256 (hex)
 *  sections: material id offsets int[n+1] | material id bytes (UTF-8) | node offsets long[n+1]
 *            | padded slots per material int[n] | atomic numbers byte[A]
 *            | neighbour index (local to the material) u16 or int32 [A × M] | distance float32 [A × M]
 * </pre>
 *
 * <p>Offsets are ints: a file holds at most 2 GiB (about a million materials of CGCNN size).
 */
final class GraphCacheFormat {
  /** First bytes of every graph cache file. */
  static final byte[] MAGIC = "TOMOGRPH".getBytes(StandardCharsets.US_ASCII);

  /** The layout version written and read. */
  static final int VERSION = 1;

  private static final int MAGIC_AT = 0;
  private static final int VERSION_AT = 8;
  private static final int HEADER_BYTES_AT = 12;
  private static final int FILE_BYTES_AT = 16;
  private static final int CHECKSUM_AT = 24;
  private static final int MATERIALS_AT = 32;
  private static final int MAX_NEIGHBORS_AT = 36;
  private static final int NODES_AT = 40;
  private static final int PADDED_SLOTS_AT = 48;
  private static final int INDEX_BYTES_AT = 56;

  /** The checksum covers every byte after the fields that describe the file itself. */
  private static final int CHECKSUMMED_FROM = MATERIALS_AT;

  /** Bytes of the fixed-size header fields; the settings key follows them. */
  static final int FIXED_HEADER = 60;

  private GraphCacheFormat() {}

  /**
   * Checks what a reader must know before trusting any other field: magic, version, that the file
   * is as long as its header says, and the checksum.
   *
   * @param file named in the errors
   * @param buffer the whole file, little-endian, at least {@link #FIXED_HEADER} bytes
   * @throws GraphCacheException naming the file and what is wrong with it
   */
  static void verify(Path file, ByteBuffer buffer) {
    byte[] magic = new byte[MAGIC.length];
    buffer.get(MAGIC_AT, magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new GraphCacheException("%s is not a tomo graph cache (bad magic)".formatted(file));
    }
    int version = buffer.getInt(VERSION_AT);
    if (version != VERSION) {
      throw new GraphCacheException(
          "graph cache %s has format version %d, this tomo reads %d"
              .formatted(file, version, VERSION));
    }
    long expected = buffer.getLong(FILE_BYTES_AT);
    if (expected != buffer.capacity()) {
      throw new GraphCacheException(
          "graph cache %s is truncated or damaged: %d bytes, its header says %d"
              .formatted(file, buffer.capacity(), expected));
    }
    long stored = buffer.getLong(CHECKSUM_AT);
    long actual = checksum(buffer);
    if (stored != actual) {
      throw new GraphCacheException(
          "graph cache %s is corrupt: checksum %016x, its header says %016x"
              .formatted(file, actual, stored));
    }
  }

  /** Writes the checksum of everything else; the last step of writing a file. */
  static void seal(ByteBuffer out) {
    out.putLong(CHECKSUM_AT, checksum(out));
  }

  private static long checksum(ByteBuffer b) {
    CRC32C crc = new CRC32C();
    crc.update(b.duplicate().position(CHECKSUMMED_FROM).limit(b.capacity()));
    return crc.getValue();
  }

  /**
   * The header fields other than magic, version and checksum.
   *
   * @param headerBytes header length, where the first section starts
   * @param fileBytes file length
   * @param materials materials n
   * @param maxNeighbors neighbour slots per node M
   * @param nodes sites of all materials A
   * @param paddedSlots padded neighbour slots of all materials
   * @param indexBytes bytes per neighbour index, 2 or 4
   */
  record Header(
      int headerBytes,
      long fileBytes,
      int materials,
      int maxNeighbors,
      long nodes,
      long paddedSlots,
      int indexBytes,
      String settingsKey,
      String datasetSha256) {

    /** The header length of a file with this settings key and dataset hash. */
    static int length(String settingsKey, String datasetSha256) {
      return align(
          FIXED_HEADER
              + 4
              + settingsKey.getBytes(StandardCharsets.UTF_8).length
              + 4
              + datasetSha256.getBytes(StandardCharsets.UTF_8).length);
    }

    /** The header of a file that passed {@link #verify}. */
    static Header read(ByteBuffer b) {
      int at = FIXED_HEADER;
      int keyLength = b.getInt(at);
      String key = utf8(b, at + 4, keyLength);
      at += 4 + keyLength;
      int hashLength = b.getInt(at);
      String hash = utf8(b, at + 4, hashLength);
      return new Header(
          b.getInt(HEADER_BYTES_AT),
          b.getLong(FILE_BYTES_AT),
          b.getInt(MATERIALS_AT),
          b.getInt(MAX_NEIGHBORS_AT),
          b.getLong(NODES_AT),
          b.getLong(PADDED_SLOTS_AT),
          b.getInt(INDEX_BYTES_AT),
          key,
          hash);
    }

    /** Writes magic, version and these fields; {@link #seal} adds the checksum. */
    void write(ByteBuffer out) {
      byte[] key = settingsKey.getBytes(StandardCharsets.UTF_8);
      byte[] hash = datasetSha256.getBytes(StandardCharsets.UTF_8);
      out.put(MAGIC_AT, MAGIC);
      out.putInt(VERSION_AT, VERSION);
      out.putInt(HEADER_BYTES_AT, headerBytes);
      out.putLong(FILE_BYTES_AT, fileBytes);
      out.putInt(MATERIALS_AT, materials);
      out.putInt(MAX_NEIGHBORS_AT, maxNeighbors);
      out.putLong(NODES_AT, nodes);
      out.putLong(PADDED_SLOTS_AT, paddedSlots);
      out.putInt(INDEX_BYTES_AT, indexBytes);
      out.putInt(FIXED_HEADER, key.length);
      out.put(FIXED_HEADER + 4, key);
      out.putInt(FIXED_HEADER + 4 + key.length, hash.length);
      out.put(FIXED_HEADER + 8 + key.length, hash);
    }
  }

  /**
   * Byte offsets of the sections, and the file length they add up to.
   *
   * @param indexBytes bytes per neighbour index, 2 or 4
   */
  record Sections(
      int indexBytes,
      int idOffsetsAt,
      int idBytesAt,
      int nodeOffsetsAt,
      int paddedAt,
      int atomicNumbersAt,
      int indicesAt,
      int distancesAt,
      long fileBytes) {

    /**
     * The sections of a file with this header length and these counts.
     *
     * @param idBytes length of all material ids, UTF-8
     */
    static Sections of(
        int headerBytes,
        int materials,
        long idBytes,
        long nodes,
        int maxNeighbors,
        int indexBytes) {
      long at = headerBytes;
      long idOffsets = at;
      at = align(at + 4L * (materials + 1));
      long ids = at;
      at = align(at + idBytes);
      long nodeOffsets = at;
      at = align(at + 8L * (materials + 1));
      long padded = at;
      at = align(at + 4L * materials);
      long atomic = at;
      at = align(at + nodes);
      long indices = at;
      at = align(at + (long) indexBytes * nodes * maxNeighbors);
      long distances = at;
      at += 4L * nodes * maxNeighbors;
      // offsets beyond 2 GiB only occur for files that the writer and the reader reject first
      return new Sections(
          indexBytes,
          clamp(idOffsets),
          clamp(ids),
          clamp(nodeOffsets),
          clamp(padded),
          clamp(atomic),
          clamp(indices),
          clamp(distances),
          at);
    }

    /**
     * The sections of a file with this header: the id section's length is the last entry of the id
     * offsets, which start right after the header.
     */
    static Sections of(Header h, ByteBuffer b) {
      long idBytes = b.getInt(h.headerBytes() + 4 * h.materials());
      return of(
          h.headerBytes(), h.materials(), idBytes, h.nodes(), h.maxNeighbors(), h.indexBytes());
    }

    private static int clamp(long offset) {
      return (int) Math.min(offset, Integer.MAX_VALUE);
    }
  }

  private static int align(int at) {
    return (at + 7) & ~7;
  }

  private static long align(long at) {
    return (at + 7) & ~7L;
  }

  static String utf8(ByteBuffer b, int at, int length) {
    byte[] bytes = new byte[length];
    b.get(at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
