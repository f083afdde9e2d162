package tomo.materials.graph;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.io.AtomicFiles;
import tomo.materials.io.Sha256;
import tomo.materials.structure.Structure;

/**
 * The crystal graphs of one dataset under one {@link GraphSettings}, in a binary file that is built
 * once and memory-mapped by every reader (so concurrent trainings share the OS page cache).
 *
 * <p>The file is keyed by (dataset content SHA-256, {@link GraphSettings#key()}): another dataset
 * or other settings give another file name, and the header repeats both so a reused name is never
 * mistaken. Only what the graphs are made of is stored: atomic numbers, neighbour indices and
 * float32 distances; node and edge features follow from those ({@link NodeFeaturizer}, {@link
 * GaussianExpansion}).
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
 * <p>The file is written to a temporary file in the cache directory, checksummed and renamed into
 * place atomically, so a reader never sees a half-written cache. Files up to 2 GiB are supported
 * (about a million materials of CGCNN size).
 */
public final class GraphCache {
  private static final Logger LOG = LoggerFactory.getLogger(GraphCache.class);

  /** First bytes of every graph cache file. */
  public static final byte[] MAGIC = "TOMOGRPH".getBytes(StandardCharsets.US_ASCII);

  /** The layout version this class writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Environment variable naming the cache root; graphs go to its {@code graphs} folder. */
  public static final String CACHE_ENV = "TOMO_CACHE";

  private static final int CHECKSUMMED_FROM = 32;
  private static final int FIXED_HEADER = 60;

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
  private final String key;
  private final String datasetSha256;
  private final int size;
  private final int maxNeighbors;
  private final long nodes;
  private final long paddedSlots;
  private final int indexBytes;
  private final long fileBytes;
  private final int idOffsetsAt;
  private final int idBytesAt;
  private final int nodeOffsetsAt;
  private final int paddedAt;
  private final int atomicNumbersAt;
  private final int indicesAt;
  private final int distancesAt;
  private final boolean builtNow;
  private volatile Map<String, Integer> byId;

  private GraphCache(Path file, ByteBuffer buffer, boolean builtNow) {
    this.file = file;
    this.buffer = buffer;
    this.builtNow = builtNow;
    this.fileBytes = buffer.getLong(16);
    this.size = buffer.getInt(32);
    this.maxNeighbors = buffer.getInt(36);
    this.nodes = buffer.getLong(40);
    this.paddedSlots = buffer.getLong(48);
    this.indexBytes = buffer.getInt(56);
    int at = FIXED_HEADER;
    int keyLength = buffer.getInt(at);
    this.key = utf8(buffer, at + 4, keyLength);
    at += 4 + keyLength;
    int hashLength = buffer.getInt(at);
    this.datasetSha256 = utf8(buffer, at + 4, hashLength);
    Layout l =
        new Layout(
            size,
            idBlobLength(buffer, buffer.getInt(12), size),
            nodes,
            maxNeighbors,
            indexBytes,
            buffer.getInt(12));
    this.idOffsetsAt = l.idOffsetsAt;
    this.idBytesAt = l.idBytesAt;
    this.nodeOffsetsAt = l.nodeOffsetsAt;
    this.paddedAt = l.paddedAt;
    this.atomicNumbersAt = l.atomicNumbersAt;
    this.indicesAt = l.indicesAt;
    this.distancesAt = l.distancesAt;
    if (l.fileBytes != fileBytes) {
      throw new GraphCacheException(
          "graph cache %s is inconsistent: its sections need %d bytes, the header says %d"
              .formatted(file, l.fileBytes, fileBytes));
    }
  }

  /** The default cache directory: {@code $TOMO_CACHE/graphs}, else {@code ~/.cache/tomo/graphs}. */
  public static Path defaultCacheDir() {
    String env = System.getenv(CACHE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env).resolve("graphs");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "tomo", "graphs");
  }

  /**
   * The cache file of a dataset, a selection of its materials and settings: {@code <dataset hash
   * prefix>-<mode>-<hash of dataset hash, settings key and material ids>.graphs}. Reading only part
   * of a dataset ({@code --limit}, skipped bad rows) therefore gives its own file.
   */
  public static Path fileFor(
      Path cacheDir, String datasetSha256, List<String> materialIds, GraphSettings settings) {
    StringBuilder identity = new StringBuilder(datasetSha256).append('\n').append(settings.key());
    for (String id : materialIds) {
      identity.append('\n').append(id);
    }
    String keyHash = Sha256.hex(identity.toString()).substring(0, 16);
    String datasetPart =
        datasetSha256.length() > 16 ? datasetSha256.substring(0, 16) : datasetSha256;
    return cacheDir.resolve(
        "%s-%s-%s.graphs"
            .formatted(datasetPart, settings.mode().name().toLowerCase(Locale.ROOT), keyHash));
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
    if (materialIds.size() != structures.size()) {
      throw new IllegalArgumentException(
          "%d material ids but %d structures".formatted(materialIds.size(), structures.size()));
    }
    Path file = fileFor(cacheDir, datasetSha256, materialIds, settings);
    if (Files.exists(file)) {
      try {
        GraphCache cache = open(file);
        if (cache.key.equals(settings.key())
            && cache.datasetSha256.equals(datasetSha256)
            && cache.holds(materialIds)) {
          return cache;
        }
        LOG.warn(
            "graph cache {} was made for other data or settings ({} / {}); rebuilding it",
            file,
            cache.datasetSha256,
            cache.key);
      } catch (GraphCacheException e) {
        LOG.warn("{}; rebuilding it", e.getMessage());
      }
    }
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw new GraphCacheException("cannot create graph cache directory " + cacheDir, e);
    }
    build(file, datasetSha256, materialIds, structures, settings, threads, progress);
    GraphCache built = open(file);
    return new GraphCache(built.file, built.buffer, true);
  }

  /**
   * Opens an existing cache file, checking magic, version, length and checksum.
   *
   * @throws GraphCacheException naming the file and what is wrong with it
   */
  public static GraphCache open(Path file) {
    ByteBuffer buffer;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size();
      if (length > Integer.MAX_VALUE) {
        throw new GraphCacheException(
            "graph cache %s is %d bytes; at most 2 GiB is supported".formatted(file, length));
      }
      if (length < FIXED_HEADER) {
        throw new GraphCacheException(
            "graph cache %s is truncated or not a graph cache (%d bytes)".formatted(file, length));
      }
      buffer = channel.map(FileChannel.MapMode.READ_ONLY, 0, length).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new GraphCacheException("cannot read graph cache " + file + ": " + e.getMessage(), e);
    }
    byte[] magic = new byte[MAGIC.length];
    buffer.get(0, magic);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new GraphCacheException("%s is not a tomo graph cache (bad magic)".formatted(file));
    }
    int version = buffer.getInt(8);
    if (version != FORMAT_VERSION) {
      throw new GraphCacheException(
          "graph cache %s has format version %d, this tomo reads %d"
              .formatted(file, version, FORMAT_VERSION));
    }
    long expected = buffer.getLong(16);
    if (expected != buffer.capacity()) {
      throw new GraphCacheException(
          "graph cache %s is truncated or damaged: %d bytes, its header says %d"
              .formatted(file, buffer.capacity(), expected));
    }
    long stored = buffer.getLong(24);
    long actual = checksum(buffer);
    if (stored != actual) {
      throw new GraphCacheException(
          "graph cache %s is corrupt: checksum %016x, its header says %016x"
              .formatted(file, actual, stored));
    }
    try {
      return new GraphCache(file, buffer, false);
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
    return fileBytes;
  }

  /** Padded neighbour slots over all materials (sites with fewer than M neighbours in reach). */
  public long paddedSlots() {
    return paddedSlots;
  }

  /** All nodes (sites) over all materials. */
  public long nodeCount() {
    return nodes;
  }

  /** Neighbour slots per node. */
  public int maxNeighbors() {
    return maxNeighbors;
  }

  /** The settings key the graphs were built with. */
  public String settingsKey() {
    return key;
  }

  /** Content hash of the dataset the graphs were built from. */
  public String datasetSha256() {
    return datasetSha256;
  }

  /** Whether this call built the file (false: an existing cache was reused). */
  public boolean builtNow() {
    return builtNow;
  }

  /** Id of material i. */
  public String materialId(int i) {
    checkIndex(i);
    int from = buffer.getInt(idOffsetsAt + 4 * i);
    int to = buffer.getInt(idOffsetsAt + 4 * (i + 1));
    return utf8(buffer, idBytesAt + from, to - from);
  }

  /** First node row of material i in the concatenation of all materials' nodes. */
  public long nodeOffset(int i) {
    if (i < 0 || i > size) {
      throw new IndexOutOfBoundsException("material " + i + " of " + size);
    }
    return buffer.getLong(nodeOffsetsAt + 8 * i);
  }

  /** The graph of material i (dataset order). */
  public CrystalGraph get(int i) {
    checkIndex(i);
    int first = (int) nodeOffset(i);
    int n = (int) (nodeOffset(i + 1) - first);
    int slots = n * maxNeighbors;
    int[] z = new int[n];
    for (int k = 0; k < n; k++) {
      z[k] = buffer.get(atomicNumbersAt + first + k);
    }
    int[] indices = new int[slots];
    int slotStart = first * maxNeighbors;
    if (indexBytes == 2) {
      short[] raw = new short[slots];
      buffer
          .slice(indicesAt + 2 * slotStart, 2 * slots)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asShortBuffer()
          .get(raw);
      for (int k = 0; k < slots; k++) {
        indices[k] = raw[k] & 0xFFFF;
      }
    } else {
      buffer
          .slice(indicesAt + 4 * slotStart, 4 * slots)
          .order(ByteOrder.LITTLE_ENDIAN)
          .asIntBuffer()
          .get(indices);
    }
    float[] distances = new float[slots];
    buffer
        .slice(distancesAt + 4 * slotStart, 4 * slots)
        .order(ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer()
        .get(distances);
    int padded = buffer.getInt(paddedAt + 4 * i);
    return new CrystalGraph(materialId(i), z, indices, distances, maxNeighbors, padded);
  }

  /**
   * Sites of material i whose every slot is padding: no neighbour within {@code cutoffAngstrom}.
   * Slots are sorted by distance, so a site's first slot tells; only materials with at least M
   * padded slots are looked at.
   */
  int isolatedSites(int i, double cutoffAngstrom) {
    checkIndex(i);
    if (buffer.getInt(paddedAt + 4 * i) < maxNeighbors) {
      return 0;
    }
    int isolated = 0;
    for (long node = nodeOffset(i); node < nodeOffset(i + 1); node++) {
      if (buffer.getFloat((int) (distancesAt + 4 * node * maxNeighbors)) > cutoffAngstrom) {
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

  private boolean holds(List<String> materialIds) {
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

  // ---------------------------------------------------------------------------------- building

  private static void build(
      Path target,
      String datasetSha256,
      List<String> ids,
      List<Structure> structures,
      GraphSettings settings,
      int threads,
      Progress progress) {
    long started = System.nanoTime();
    int n = ids.size();
    int m = settings.maxNeighbors();
    long[] nodeOffsets = new long[n + 1];
    int maxSites = 0;
    for (int i = 0; i < n; i++) {
      int sites = structures.get(i).nsites();
      maxSites = Math.max(maxSites, sites);
      nodeOffsets[i + 1] = nodeOffsets[i] + sites;
    }
    long nodes = nodeOffsets[n];
    int indexBytes = maxSites <= 65536 ? 2 : 4;
    byte[][] idBytes = new byte[n][];
    int idBlob = 0;
    for (int i = 0; i < n; i++) {
      idBytes[i] = ids.get(i).getBytes(StandardCharsets.UTF_8);
      idBlob += idBytes[i].length;
    }
    byte[] keyBytes = settings.key().getBytes(StandardCharsets.UTF_8);
    byte[] hashBytes = datasetSha256.getBytes(StandardCharsets.UTF_8);
    int headerBytes = align(FIXED_HEADER + 4 + keyBytes.length + 4 + hashBytes.length);
    Layout l = new Layout(n, idBlob, nodes, m, indexBytes, headerBytes);
    if (l.fileBytes > Integer.MAX_VALUE) {
      throw new GraphCacheException(
          "graphs of %d materials (%d nodes) need %d bytes; a graph cache holds at most 2 GiB"
              .formatted(n, nodes, l.fileBytes));
    }

    Path temp;
    try {
      temp = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      throw new GraphCacheException("cannot create a file in " + target.getParent(), e);
    }
    boolean written = false;
    try (RandomAccessFile raf = new RandomAccessFile(temp.toFile(), "rw");
        FileChannel channel = raf.getChannel()) {
      raf.setLength(l.fileBytes);
      MappedByteBuffer out = channel.map(FileChannel.MapMode.READ_WRITE, 0, l.fileBytes);
      out.order(ByteOrder.LITTLE_ENDIAN);
      out.put(0, MAGIC);
      out.putInt(8, FORMAT_VERSION);
      out.putInt(12, headerBytes);
      out.putLong(16, l.fileBytes);
      out.putInt(32, n);
      out.putInt(36, m);
      out.putLong(40, nodes);
      out.putInt(56, indexBytes);
      out.putInt(FIXED_HEADER, keyBytes.length);
      out.put(FIXED_HEADER + 4, keyBytes);
      out.putInt(FIXED_HEADER + 4 + keyBytes.length, hashBytes.length);
      out.put(FIXED_HEADER + 8 + keyBytes.length, hashBytes);
      int idOffset = 0;
      for (int i = 0; i < n; i++) {
        out.putInt(l.idOffsetsAt + 4 * i, idOffset);
        out.put(l.idBytesAt + idOffset, idBytes[i]);
        idOffset += idBytes[i].length;
      }
      out.putInt(l.idOffsetsAt + 4 * n, idOffset);
      for (int i = 0; i <= n; i++) {
        out.putLong(l.nodeOffsetsAt + 8 * i, nodeOffsets[i]);
      }

      long padded = buildGraphs(out, l, structures, ids, nodeOffsets, settings, threads, progress);
      out.putLong(48, padded);
      out.putLong(24, checksum(out));
      out.force();
      written = true;
    } catch (IOException e) {
      throw new GraphCacheException("cannot write graph cache " + temp + ": " + e.getMessage(), e);
    } finally {
      if (!written) {
        deleteQuietly(temp);
      }
    }
    moveIntoPlace(temp, target);
    LOG.info(
        "built graph cache {} ({} materials, {} bytes) in {} ms",
        target,
        n,
        l.fileBytes,
        (System.nanoTime() - started) / 1_000_000);
  }

  private static long buildGraphs(
      ByteBuffer out,
      Layout l,
      List<Structure> structures,
      List<String> ids,
      long[] nodeOffsets,
      GraphSettings settings,
      int threads,
      Progress progress) {
    int n = structures.size();
    int m = settings.maxNeighbors();
    AtomicInteger done = new AtomicInteger();
    ThreadLocal<Worker> workers = ThreadLocal.withInitial(() -> new Worker(settings, out));
    ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
    try {
      return pool.submit(
              () ->
                  IntStream.range(0, n)
                      .parallel()
                      .mapToLong(
                          i -> {
                            long padded;
                            try {
                              padded =
                                  workers
                                      .get()
                                      .write(structures.get(i), (int) nodeOffsets[i], l, i);
                            } catch (RuntimeException e) {
                              throw new GraphCacheException(
                                  "cannot build the graph of material %s (row %d): %s"
                                      .formatted(ids.get(i), i + 1, e.getMessage()),
                                  e);
                            }
                            int d = done.incrementAndGet();
                            if ((d & 63) == 0 || d == n) {
                              progress.materialsDone(d, n);
                            }
                            return padded;
                          })
                      .sum())
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphCacheException("graph cache build interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof GraphCacheException g) {
        throw g;
      }
      throw new GraphCacheException("graph cache build failed: " + cause.getMessage(), cause);
    } finally {
      pool.shutdown();
    }
  }

  /** One build thread: a builder with its work arrays and its own view of the output buffer. */
  private static final class Worker {
    private final CrystalGraphBuilder builder;
    private final ByteBuffer out;
    private final int m;
    private int[] indices = new int[0];
    private float[] distances = new float[0];

    Worker(GraphSettings settings, ByteBuffer shared) {
      this.builder = new CrystalGraphBuilder(settings);
      this.out = shared.duplicate().order(ByteOrder.LITTLE_ENDIAN);
      this.m = settings.maxNeighbors();
    }

    long write(Structure s, int firstNode, Layout l, int material) {
      int sites = s.nsites();
      int slots = sites * m;
      if (indices.length < slots) {
        indices = new int[Math.max(slots, 2 * indices.length)];
        distances = new float[indices.length];
      }
      int padded = builder.fill(s, indices, distances, 0);
      for (int k = 0; k < sites; k++) {
        out.put(l.atomicNumbersAt + firstNode + k, (byte) s.sites().get(k).element().z());
      }
      int slotStart = firstNode * m;
      if (l.indexBytes == 2) {
        for (int k = 0; k < slots; k++) {
          out.putShort(l.indicesAt + 2 * (slotStart + k), (short) indices[k]);
        }
      } else {
        for (int k = 0; k < slots; k++) {
          out.putInt(l.indicesAt + 4 * (slotStart + k), indices[k]);
        }
      }
      for (int k = 0; k < slots; k++) {
        out.putFloat(l.distancesAt + 4 * (slotStart + k), distances[k]);
      }
      out.putInt(l.paddedAt + 4 * material, padded);
      return padded;
    }
  }

  /** Byte offsets of the sections. */
  private static final class Layout {
    final int indexBytes;
    final int idOffsetsAt;
    final int idBytesAt;
    final int nodeOffsetsAt;
    final int paddedAt;
    final int atomicNumbersAt;
    final int indicesAt;
    final int distancesAt;
    final long fileBytes;

    Layout(int n, long idBlob, long nodes, int m, int indexBytes, int headerBytes) {
      this.indexBytes = indexBytes;
      long at = headerBytes;
      long idOffsets = at;
      at = align(at + 4L * (n + 1));
      long idBytes = at;
      at = align(at + idBlob);
      long nodeOffsets = at;
      at = align(at + 8L * (n + 1));
      long padded = at;
      at = align(at + 4L * n);
      long atomic = at;
      at = align(at + nodes);
      long indices = at;
      at = align(at + (long) indexBytes * nodes * m);
      long distances = at;
      at += 4L * nodes * m;
      this.fileBytes = at;
      // offsets beyond 2 GiB only occur for files that build() and open() reject first
      this.idOffsetsAt = (int) Math.min(idOffsets, Integer.MAX_VALUE);
      this.idBytesAt = (int) Math.min(idBytes, Integer.MAX_VALUE);
      this.nodeOffsetsAt = (int) Math.min(nodeOffsets, Integer.MAX_VALUE);
      this.paddedAt = (int) Math.min(padded, Integer.MAX_VALUE);
      this.atomicNumbersAt = (int) Math.min(atomic, Integer.MAX_VALUE);
      this.indicesAt = (int) Math.min(indices, Integer.MAX_VALUE);
      this.distancesAt = (int) Math.min(distances, Integer.MAX_VALUE);
    }
  }

  private static long idBlobLength(ByteBuffer b, int headerBytes, int n) {
    return b.getInt(headerBytes + 4 * n);
  }

  private static long checksum(ByteBuffer b) {
    CRC32C crc = new CRC32C();
    crc.update(b.duplicate().position(CHECKSUMMED_FROM).limit(b.capacity()));
    return crc.getValue();
  }

  private static int align(int at) {
    return (at + 7) & ~7;
  }

  private static long align(long at) {
    return (at + 7) & ~7L;
  }

  private static String utf8(ByteBuffer b, int at, int length) {
    byte[] bytes = new byte[length];
    b.get(at, bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void moveIntoPlace(Path temp, Path target) {
    try {
      AtomicFiles.moveIntoPlace(temp, target);
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new GraphCacheException("cannot move graph cache into place at " + target, e);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("could not delete {}", p, e);
    }
  }
}
