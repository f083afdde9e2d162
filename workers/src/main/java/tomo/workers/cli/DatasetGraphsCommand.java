package tomo.workers.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tomo.activities.training.GraphModes;
import tomo.materials.dataset.BadRow;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphSettings;
import tomo.materials.graph.IsolatedAtoms;
import tomo.workflows.model.Representation;

/** {@code tomo dataset graphs}: builds (or finds) the crystal-graph cache of a dataset. */
@Command(
    name = "graphs",
    mixinStandardHelpOptions = true,
    description = {
      "Build the crystal-graph cache of a dataset: structure graphs (12 nearest neighbours within"
          + " 8 Å) and/or composition-only graphs (every site bonded to the others at 1 Å).",
      "An existing cache for the same dataset content and settings is reused."
    })
public final class DatasetGraphsCommand implements Callable<Integer> {
  /**
   * Which graphs to build: those of one representation, or of {@code both}.
   *
   * @param representations in the order they are built
   */
  record GraphChoice(List<Representation> representations) {}

  /** Reads {@code --mode}: a representation as specs spell it, or {@code both}. */
  static final class GraphChoiceConverter implements ITypeConverter<GraphChoice> {
    @Override
    public GraphChoice convert(String value) {
      if (value.equals("both")) {
        return new GraphChoice(List.of(Representation.values()));
      }
      try {
        return new GraphChoice(List.of(Representation.of(value)));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not one of "
                + String.join(", ", Representation.labels())
                + ", both");
      }
    }
  }

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description = "materials_project.csv(.gz); default: $TOMO_DATASET, else the shared dataset")
  Path path;

  @Option(
      names = "--mode",
      defaultValue = "both",
      converter = GraphChoiceConverter.class,
      description = "structure, composition or both (default: ${DEFAULT-VALUE})")
  GraphChoice mode;

  @Option(
      names = "--cache-dir",
      paramLabel = "DIR",
      description = "where graph caches live (default: $TOMO_CACHE/graphs or ~/.cache/tomo/graphs)")
  Path cacheDir;

  @Option(names = "--limit", paramLabel = "N", description = "read only the first N materials")
  int limit;

  @Option(names = "--skip-bad", description = "skip rows that cannot be read, reporting each one")
  boolean skipBad;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "build threads (default: all cores, ${DEFAULT-VALUE})",
      defaultValue = "${sys:tomo.threads:-0}")
  int threads;

  /** Where build progress is drawn: a bar on a terminal, nothing otherwise; tests replace it. */
  Supplier<ProgressBarBuilder> bars = ProgressPrinter::terminalBar;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    Path file = DatasetLocation.resolve(path);
    Path dir = cacheDir != null ? cacheDir : GraphCache.defaultCacheDir();
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();

    long readStart = System.nanoTime();
    long readCpuStart = processCpuNanos();
    // graphs need only the structures: no property derivation
    Dataset dataset = DatasetReader.read(file, new ReadOptions(skipBad, limit, false));
    double readSeconds = seconds(readStart);
    double readCpuSeconds = (processCpuNanos() - readCpuStart) / 1e9;
    out.printf(
        Locale.ROOT,
        "read %,d materials from %s in %.1f s (CSV + CIF parsing, %.0f materials/s)%n",
        dataset.size(),
        file,
        readSeconds,
        dataset.size() / readSeconds);
    for (BadRow bad : dataset.skipped()) {
      out.printf(
          "skipped row %d (%s), field %s: %s%n",
          bad.row(), bad.materialId(), bad.field(), bad.reason());
    }
    long sites = dataset.rows().stream().mapToLong(r -> r.structure().nsites()).sum();

    double buildSeconds = 0;
    long buildCpuStart = processCpuNanos();
    for (Representation representation : mode.representations()) {
      GraphSettings settings = GraphSettings.of(GraphModes.of(representation));
      String name = representation.label();
      long start = System.nanoTime();
      GraphCache cache;
      try (ProgressBar bar = progressBar(bars.get(), name, dataset.size())) {
        cache =
            GraphCache.openOrBuild(
                dataset,
                settings,
                dir,
                workers,
                bar == null ? GraphCache.Progress.NONE : (done, total) -> bar.stepTo(done));
      }
      double s = seconds(start);
      buildSeconds += s;
      long slots = sites * settings.maxNeighbors();
      out.printf(
          Locale.ROOT,
          "%s graphs: %s %,d materials in %.2f s (%,.0f materials/s, %d threads)%n",
          name,
          cache.builtNow() ? "built" : "reused the cache of",
          cache.size(),
          s,
          cache.size() / s,
          workers);
      out.printf(
          Locale.ROOT,
          "  padded neighbour slots: %,d of %,d (%.4f %%)%n",
          cache.paddedSlots(),
          slots,
          slots == 0 ? 0.0 : 100.0 * cache.paddedSlots() / slots);
      IsolatedAtoms isolated = IsolatedAtoms.in(cache, settings);
      if (isolated.any()) {
        out.printf("  WARNING: %s%n", isolated.describe(settings.cutoffAngstrom()));
      }
      out.printf(
          Locale.ROOT, "  cache: %s (%s)%n", cache.file(), megabytes(Files.size(cache.file())));
    }
    double buildCpuSeconds = (processCpuNanos() - buildCpuStart) / 1e9;
    out.printf(
        Locale.ROOT,
        "total %.1f s: read %.1f s (CPU %.1f s), graphs %.1f s (CPU %.1f s); peak memory: heap %s,"
            + " process %s%n",
        readSeconds + buildSeconds,
        readSeconds,
        readCpuSeconds,
        buildSeconds,
        buildCpuSeconds,
        megabytes(peakHeapBytes()),
        peakResidentBytes() < 0 ? "n/a" : megabytes(peakResidentBytes()));
    out.flush();
    return 0;
  }

  /** A progress bar from {@code builder}; none when there is no builder (no terminal). */
  private static ProgressBar progressBar(ProgressBarBuilder builder, String task, int total) {
    if (builder == null) {
      return null;
    }
    return builder
        .setTaskName(task)
        .setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" materials", 1)
        .showSpeed()
        .setSpeedUnit(ChronoUnit.SECONDS)
        .build();
  }

  /** CPU time of all threads of this process so far (what it cost, whatever else ran beside it). */
  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return 0;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static String megabytes(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /** Sum of the heap pools' peak usage since the JVM started. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** Peak resident set size of this process (Linux VmHWM), or -1 where unknown. */
  private static long peakResidentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
