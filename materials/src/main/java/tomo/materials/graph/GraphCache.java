package tomo.materials.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.structure.Structure;

/**
 * The crystal graphs of one dataset under one {@link GraphSettings}, read from a graph cache file
 * that is built once and memory-mapped by every reader (so concurrent trainings share the OS page
 * cache).
 *
 * <p>Obtain one with {@link #openOrBuild}: {@link GraphCacheDirectory} names the file after the
 * dataset, the materials and the settings, reuses it when it holds them, and has {@link
 * GraphCacheWriter} build it otherwise. The file's layout is {@link GraphCacheFormat}'s.
 */
public final class GraphCache {
  /** Told how many materials are done; called from the build's worker threads. */
  @FunctionalInterface
  public interface Progress {
    /** Reports nothing. */
    Progress NONE = (done, total) -> {};

    /** {@code done} of {@code total} materials have their graph. Must be thread-safe. */
    void materialsDone(int done, int total);
  }

  private final Path file;
  private final ByteBuffer buffer;
  private final GraphCacheFormat.Header header;
  private final GraphCacheFormat.Sections sections;
  private final int size;
  private final int maxNeighbors;
  private final boolean builtNow;
  private volatile Map<String, Integer> byId;

  private GraphCache(Path file, ByteBuffer buffer, boolean builtNow) {
    this.file = file;
    this.buffer = buffer;
    this.builtNow = builtNow;
    this.header = GraphCacheFormat.Header.read(buffer);
    this.sections = GraphCacheFormat.Sections.of(header, buffer);
    this.size = header.materials();
    this.maxNeighbors = header.maxNeighbors();
    if (sections.fileBytes() != header.fileBytes()) {
      throw new GraphCacheException(
          "graph cache %s is inconsistent: its sections need %d bytes, the header says %d"
              .formatted(file, sections.fileBytes(), header.fileBytes()));
    }
  }

  /** The default cache directory: {@code $TOMO_CACHE/graphs}, else {@code ~/.cache/tomo/graphs}. */
  public static Path defaultCacheDir() {
    return GraphCacheDirectory.defaultLocation();
  }

  /**
   * Opens the graph cache of a dataset under these settings, building it first (on all cores) when
   * it is absent; graphs come out in the order of {@code dataset.rows()}. A cache file that is
   * truncated, corrupt or of another format is rebuilt with a warning.
   *
   * @param cacheDir where cache files live, e.g. {@link #defaultCacheDir()}
   * @param progress told how many materials are done (from worker threads)
   */
  public static GraphCache openOrBuild(
      Dataset dataset, GraphSettings settings, Path cacheDir, Progress progress) {
    return openOrBuild(
        dataset, settings, cacheDir, Runtime.getRuntime().availableProcessors(), progress);
  }

  /** As {@link #openOrBuild(Dataset, GraphSettings, Path, Progress)} with a thread count. */
  public static GraphCache openOrBuild(
      Dataset dataset, GraphSettings settings, Path cacheDir, int threads, Progress progress) {
    List<MaterialRow> rows = dataset.rows();
    return openOrBuild(
        dataset.contentSha256(),
        rows.stream().map(MaterialRow::materialId).toList(),
        rows.stream().map(MaterialRow::structure).toList(),
        settings,
        cacheDir,
        threads,
        progress);
  }

  /**
   * Opens the cache of these materials under these settings, building it first when it is absent. A
   * cache file that is truncated, corrupt or of another format is rebuilt with a warning.
   *
   * @param datasetSha256 content hash of the dataset the materials come from
   * @param materialIds ids, in dataset order
   * @param structures crystals, same order
   * @param threads worker threads for building (the graphs come out in dataset order regardless)
   */
  public static GraphCache openOrBuild(
      String datasetSha256,
      List<String> materialIds,
      List<Structure> structures,
      GraphSettings settings,
      Path cacheDir,
      int threads,
      Progress progress) {
    return GraphCacheDirectory.openOrBuild(
        datasetSha256, materialIds, structures, settings, cacheDir, threads, progress);
  }

  /**
   * Opens an existing cache file, checking magic, version, length and checksum.
   *
   * @throws GraphCacheException naming the file and what is wrong with it
   */
  public static GraphCache open(Path file) {
    return open(file, false);
  }

  /**
   * As {@link #open(Path)}, telling the cache whether the caller has just built the file.
   *
   * @throws GraphCacheException naming the file and what is wrong with it
   */
  static GraphCache open(Path file, boolean builtNow) {
    ByteBuffer buffer;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size();
      if (length > Integer.MAX_VALUE) {
        throw new GraphCacheException(
            "graph cache %s is %d bytes; at most 2 GiB is supported".formatted(file, length));
      }
      if (length < GraphCacheFormat.FIXED_HEADER) {
        throw new GraphCacheException(
            "graph cache %s is truncated or not a graph cache (%d bytes)".formatted(file, length));
      }
      buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new GraphCacheException("cannot read graph cache " + file + ": " + e.getMessage(), e);
    }
    GraphCacheFormat.verify(file, buffer);
    try {
      return new GraphCache(file, buffer, builtNow);
    } catch (GraphCacheException e) {
      throw e;
    } catch (RuntimeException e) {
      // a header that passes the checksum but describes impossible sections
      throw new GraphCacheException("graph cache " + file + " has an inconsistent header", e);
    }
  }

  /** Number of materials. */
  public int size() {
    return size;
  }

  /** The cache file. */
  public Path file() {
    return file;
  }

  /** Size of the cache file in bytes. */
  public long fileBytes() {
    return header.fileBytes();
  }

  /** Padded neighbour slots over all materials (sites with fewer than M neighbours in reach). */
  public long paddedSlots() {
    return header.paddedSlots();
  }

  /** All nodes (sites) over all materials. */
  public long nodeCount() {
    return header.nodes();
  }

  /** Neighbour slots per node. */
  public int maxNeighbors() {
    return maxNeighbors;
  }

  /** The settings key the graphs were built with. */
  public String settingsKey() {
    return header.settingsKey();
  }

  /** Content hash of the dataset the graphs were built from. */
  public String datasetSha256() {
    return header.datasetSha256();
  }

  /** Whether this call built the file (false: an existing cache was reused). */
  public boolean builtNow() {
    return builtNow;
  }

  /** Id of material i. */
  public String materialId(int i) {
    checkIndex(i);
    int from = buffer.getInt(sections.idOffsetsAt() + 4 * i);
    int to = buffer.getInt(sections.idOffsetsAt() + 4 * (i + 1));
    return GraphCacheFormat.utf8(buffer, sections.idBytesAt() + from, to - from);
  }

  /** First node row of material i in the concatenation of all materials' nodes. */
  public long nodeOffset(int i) {
    if (i < 0 || i > size) {
      throw new IndexOutOfBoundsException("material " + i + " of " + size);
    }
    return buffer.getLong(sections.nodeOffsetsAt() + 8 * i);
  }

  /** The graph of material i (dataset order). */
  public CrystalGraph get(int i) {
    checkIndex(i);
    int first = (int) nodeOffset(i);
    int n = (int) (nodeOffset(i + 1) - first);
    int slots = n * maxNeighbors;
    int[] z = new int[n];
    for (int k = 0; k < n; k++) {
      z[k] = buffer.get(sections.atomicNumbersAt() + first + k);
    }
    int[] indices = new int[slots];
    int slotStart = first * maxNeighbors;
    if (sections.indexBytes() == 2) {
      short[] raw = new short[slots];
      buffer
          .slice(sections.indicesAt() + 2 * slotStart, 2 * slots)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asShortBuffer()
          .get(raw);
      for (int k = 0; k < slots; k++) {
        indices[k] = raw[k] & 0xFFFF;
      }
    } else {
      buffer
          .slice(sections.indicesAt() + 4 * slotStart, 4 * slots)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .get(indices);
    }
    float[] distances = new float[slots];
    buffer
        .slice(sections.distancesAt() + 4 * slotStart, 4 * slots)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(distances);
    int padded = buffer.getInt(sections.paddedAt() + 4 * i);
    return new CrystalGraph(materialId(i), z, indices, distances, maxNeighbors, padded);
  }

  /**
   * Sites of material i whose every slot is padding: no neighbour within {@code cutoffAngstrom}.
   * Slots are sorted by distance, so a site's first slot tells; only materials with at least M
   * padded slots are looked at.
   */
  int isolatedSites(int i, double cutoffAngstrom) {
    checkIndex(i);
    if (buffer.getInt(sections.paddedAt() + 4 * i) < maxNeighbors) {
      return 0;
    }
    int isolated = 0;
    for (long node = nodeOffset(i); node < nodeOffset(i + 1); node++) {
      if (buffer.getFloat((int) (sections.distancesAt() + 4 * node * maxNeighbors))
          > cutoffAngstrom) {
        isolated++;
      }
    }
    return isolated;
  }

  /** The graph of a material by id; throws naming the id when the cache does not hold it. */
  public CrystalGraph get(String materialId) {
    Integer i = index().get(materialId);
    if (i == null) {
      throw new IllegalArgumentException(
          "graph cache %s holds no material %s".formatted(file, materialId));
    }
    return get(i);
  }

  /** Whether the cache holds exactly these materials, in this order. */
  boolean holds(List<String> materialIds) {
    if (materialIds.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!materialIds.get(i).equals(materialId(i))) {
        return false;
      }
    }
    return true;
  }

  private Map<String, Integer> index() {
    Map<String, Integer> m = byId;
    if (m == null) {
      m = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        m.put(materialId(i), i);
      }
      byId = m;
    }
    return m;
  }

  private void checkIndex(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("material " + i + " of " + size);
    }
  }
}
