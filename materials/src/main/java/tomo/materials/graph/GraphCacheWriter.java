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
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.io.AtomicFiles;
import tomo.materials.structure.Structure;

/**
 * Builds the graphs of a list of materials on several threads straight into a memory-mapped file in
 * {@link GraphCacheFormat}. Every material's bytes lie at offsets known before any graph is built,
 * so the file is the same whatever the number of threads and the order they finish in.
 *
 * <p>The file is written to a temporary file in the cache directory, checksummed and renamed into
 * place atomically, so a reader never sees a half-written cache.
 */
final class GraphCacheWriter {
  private static final Logger LOG = LoggerFactory.getLogger(GraphCacheWriter.class);

  private GraphCacheWriter() {}

  /**
   * Builds the graphs of {@code structures} and writes them to {@code target}, replacing any file
   * there.
   *
   * @param ids material ids, same order as {@code structures}
   * @param threads worker threads (the graphs come out in list order regardless)
   * @throws GraphCacheException naming the material whose graph fails, or the file that cannot be
   *     written
   */
  static void write(
      Path target,
      String datasetSha256,
      List<String> ids,
      List<Structure> structures,
      GraphSettings settings,
      int threads,
      GraphCache.Progress progress) {
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
    int headerBytes = GraphCacheFormat.Header.length(settings.key(), datasetSha256);
    GraphCacheFormat.Sections l =
        GraphCacheFormat.Sections.of(headerBytes, n, idBlob, nodes, m, indexBytes);
    if (l.fileBytes() > Integer.MAX_VALUE) {
      throw new GraphCacheException(
          "graphs of %d materials (%d nodes) need %d bytes; a graph cache holds at most 2 GiB"
              .formatted(n, nodes, l.fileBytes()));
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
      raf.setLength(l.fileBytes());
      MappedByteBuffer out = channel.map(FileChannel.MapMode.READ_WRITE, 0, l.fileBytes());
      out.order(ByteOrder.LITTLE_ENDIAN);
      int idOffset = 0;
      for (int i = 0; i < n; i++) {
        out.putInt(l.idOffsetsAt() + 4 * i, idOffset);
        out.put(l.idBytesAt() + idOffset, idBytes[i]);
        idOffset += idBytes[i].length;
      }
      out.putInt(l.idOffsetsAt() + 4 * n, idOffset);
      for (int i = 0; i <= n; i++) {
        out.putLong(l.nodeOffsetsAt() + 8 * i, nodeOffsets[i]);
      }

      long padded = buildGraphs(out, l, structures, ids, nodeOffsets, settings, threads, progress);
      new GraphCacheFormat.Header(
              headerBytes,
              l.fileBytes(),
              n,
              m,
              nodes,
              padded,
              indexBytes,
              settings.key(),
              datasetSha256)
          .write(out);
      GraphCacheFormat.seal(out);
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
        l.fileBytes(),
        (System.nanoTime() - started) / 1_000_000);
  }

  private static long buildGraphs(
      ByteBuffer out,
      GraphCacheFormat.Sections l,
      List<Structure> structures,
      List<String> ids,
      long[] nodeOffsets,
      GraphSettings settings,
      int threads,
      GraphCache.Progress progress) {
    int n = structures.size();
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

    long write(Structure s, int firstNode, GraphCacheFormat.Sections l, int material) {
      int sites = s.nsites();
      int slots = sites * m;
      if (indices.length < slots) {
        indices = new int[Math.max(slots, 2 * indices.length)];
        distances = new float[indices.length];
      }
      int padded = builder.fill(s, indices, distances, 0);
      for (int k = 0; k < sites; k++) {
        out.put(l.atomicNumbersAt() + firstNode + k, (byte) s.sites().get(k).element().z());
      }
      int slotStart = firstNode * m;
      if (l.indexBytes() == 2) {
        for (int k = 0; k < slots; k++) {
          out.putShort(l.indicesAt() + 2 * (slotStart + k), (short) indices[k]);
        }
      } else {
        for (int k = 0; k < slots; k++) {
          out.putInt(l.indicesAt() + 4 * (slotStart + k), indices[k]);
        }
      }
      for (int k = 0; k < slots; k++) {
        out.putFloat(l.distancesAt() + 4 * (slotStart + k), distances[k]);
      }
      out.putInt(l.paddedAt() + 4 * material, padded);
      return padded;
    }
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
