package tomo.materials.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.io.Sha256;
import tomo.materials.structure.Structure;

/**
 * Where graph cache files live and when one is reused: a file is named after the dataset content
 * SHA-256, the {@link GraphSettings#key()} and the material ids, and reused only when its header
 * says it holds exactly those; anything else (absent, truncated, corrupt, another format, other
 * data under the same name) is rebuilt.
 */
final class GraphCacheDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(GraphCacheDirectory.class);

  /** Environment variable naming the cache root; graphs go to its {@code graphs} folder. */
  static final String CACHE_ENV = "TOMO_CACHE";

  private GraphCacheDirectory() {}

  /** The default cache directory: {@code $TOMO_CACHE/graphs}, else {@code ~/.cache/tomo/graphs}. */
  static Path defaultLocation() {
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
  static Path fileFor(
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
   * Opens the cache of these materials under these settings, building it first when it is absent or
   * unusable; see {@link GraphCache#openOrBuild(String, List, List, GraphSettings, Path, int,
   * GraphCache.Progress)}.
   */
  static GraphCache openOrBuild(
      String datasetSha256,
      List<String> materialIds,
      List<Structure> structures,
      GraphSettings settings,
      Path cacheDir,
      int threads,
      GraphCache.Progress progress) {
    if (materialIds.size() != structures.size()) {
      throw new IllegalArgumentException(
          "%d material ids but %d structures".formatted(materialIds.size(), structures.size()));
    }
    Path file = fileFor(cacheDir, datasetSha256, materialIds, settings);
    if (Files.exists(file)) {
      try {
        GraphCache cache = GraphCache.open(file);
        if (cache.settingsKey().equals(settings.key())
            && cache.datasetSha256().equals(datasetSha256)
            && cache.holds(materialIds)) {
          return cache;
        }
        LOG.warn(
            "graph cache {} was made for other data or settings ({} / {}); rebuilding it",
            file,
            cache.datasetSha256(),
            cache.settingsKey());
      } catch (GraphCacheException e) {
        LOG.warn("{}; rebuilding it", e.getMessage());
      }
    }
    try {
      Files.createDirectories(cacheDir);
    } catch (IOException e) {
      throw new GraphCacheException("cannot create graph cache directory " + cacheDir, e);
    }
    GraphCacheWriter.write(
        file, datasetSha256, materialIds, structures, settings, threads, progress);
    return GraphCache.open(file, true);
  }
}
