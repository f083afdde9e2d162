package tomo.workers.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tomo.materials.dataset.BadRow;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.DatasetSummary;
import tomo.materials.dataset.DatasetSummary.PropertySummary;
import tomo.materials.dataset.DerivedValuesCsv;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphSettings;
import tomo.materials.graph.IsolatedAtoms;
import tomo.materials.structure.Element;

/** {@code tomo dataset inspect}: reads a dataset and prints what it holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Read a dataset (materials_project.csv layout, plain or gzip) and print rows, content hash,"
          + " per-property coverage (in file / derived / missing), statistics, elements, the"
          + " sites-per-cell distribution and sites without a neighbour within the graph cutoff."
    })
public final class DatasetInspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "PATH",
      description =
          "Dataset file. Default: $TOMO_DATASET, then -Dtomo.dataset, then "
              + DatasetLocation.DEFAULT_RELATIVE)
  Path path;

  @Option(
      names = "--skip-bad",
      description = "Skip rows that cannot be read (each is reported) instead of stopping.")
  boolean skipBad;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "Read only the first N data rows (0 = all).")
  int limit;

  @Option(
      names = "--export-derived",
      paramLabel = "FILE",
      description =
          "Also write every row's derived properties (nsites, volume, density, crystal system,"
              + " is_hubbard, oxide_type, all computed from the structure) to this CSV.")
  Path exportDerived;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path file = DatasetLocation.resolve(path);
    long start = System.nanoTime();
    Dataset dataset = DatasetReader.read(file, new ReadOptions(skipBad, limit, true));
    double seconds = (System.nanoTime() - start) / 1e9;
    DatasetSummary summary = DatasetSummary.of(dataset);

    out.printf("dataset        %s%n", file);
    out.printf("content sha256 %s%n", dataset.contentSha256());
    out.printf(
        "rows           %,d materials%s%n",
        summary.rows(), limit > 0 ? " (--limit " + limit + ")" : "");
    out.printf("bad rows       %,d skipped%n", summary.skipped());
    double cutoff = GraphSettings.structure().cutoffAngstrom();
    long searchStart = System.nanoTime();
    IsolatedAtoms isolated = IsolatedAtoms.of(dataset, cutoff);
    out.printf(
        "isolated atoms %s (searched in %.1f s)%n",
        isolated.any()
            ? "WARNING: " + isolated.describe(cutoff)
            : "none: every site has a neighbour within " + cutoff + " Å",
        (System.nanoTime() - searchStart) / 1e9);
    out.printf(
        "read time      %.2f s (%,.0f materials/s, %d threads)%n",
        seconds, summary.rows() / seconds, Runtime.getRuntime().availableProcessors());
    printProperties(out, summary);
    printClasses(out, summary);
    printElements(out, summary);
    printSites(out, summary);
    if (!dataset.skipped().isEmpty()) {
      out.println();
      out.println("Skipped rows:");
      for (BadRow bad : dataset.skipped()) {
        out.printf(
            "  row %d (%s) field %s: %s%n", bad.row(), bad.materialId(), bad.field(), bad.reason());
      }
    }
    if (exportDerived != null) {
      DerivedValuesCsv.write(dataset, exportDerived);
      out.printf("%nderived values of %,d rows written to %s%n", summary.rows(), exportDerived);
    }
    out.flush();
    return 0;
  }

  private static void printProperties(PrintWriter out, DatasetSummary s) {
    out.println();
    out.printf(
        "%-26s %-12s %8s %8s %8s %11s %11s %11s %11s%n",
        "property", "unit", "in file", "derived", "missing", "mean", "std", "min", "max");
    for (PropertySummary p : s.properties()) {
      String unit = p.definition().isCategorical() ? "(classes)" : p.definition().unit();
      out.printf(
          "%-26s %-12s %8d %8d %8d %11s %11s %11s %11s%n",
          p.definition().name(),
          unit,
          p.inFile(),
          p.derived(),
          p.missing(),
          number(p.mean()),
          number(p.std()),
          number(p.min()),
          number(p.max()));
    }
  }

  private static void printClasses(PrintWriter out, DatasetSummary s) {
    out.println();
    out.println("Class counts:");
    for (PropertySummary p : s.properties()) {
      if (!p.definition().isCategorical()) {
        continue;
      }
      Map<String, Integer> counts = p.classCounts();
      String shown;
      if (counts.size() <= 8) {
        shown =
            counts.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
      } else {
        shown =
            counts.size()
                + " classes present; most frequent: "
                + counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(8)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
      }
      out.printf("  %-26s %s%n", p.definition().name(), shown);
    }
  }

  private static void printElements(PrintWriter out, DatasetSummary s) {
    out.println();
    out.printf(
        "Elements: %d seen; materials containing each, most frequent first:%n",
        s.materialsPerElement().size());
    String line =
        s.materialsPerElement().entrySet().stream()
            .sorted(Map.Entry.<Element, Integer>comparingByValue().reversed())
            .map(e -> e.getKey().symbol() + " " + e.getValue())
            .collect(Collectors.joining(", "));
    // wrap at ~100 columns for a terminal
    StringBuilder row = new StringBuilder("  ");
    for (String item : line.split(", ")) {
      if (row.length() + item.length() > 100) {
        out.println(row.toString().stripTrailing());
        row = new StringBuilder("  ");
      }
      row.append(item).append(", ");
    }
    out.println(row.substring(0, Math.max(2, row.length() - 2)));
  }

  private static void printSites(PrintWriter out, DatasetSummary s) {
    out.println();
    out.printf(
        "Sites per cell: min %d, 5%% %d, 25%% %d, median %d, 75%% %d, 95%% %d, max %d, mean %.1f%n",
        s.sitesQuantile(0),
        s.sitesQuantile(0.05),
        s.sitesQuantile(0.25),
        s.sitesQuantile(0.5),
        s.sitesQuantile(0.75),
        s.sitesQuantile(0.95),
        s.sitesQuantile(1),
        s.meanSites());
    int[] hist = s.sitesHistogram();
    int most = 1;
    for (int h : hist) {
      most = Math.max(most, h);
    }
    for (int k = 0; k < hist.length; k++) {
      int lo = k == 0 ? 1 : (1 << (k - 1)) + 1;
      int hi = 1 << k;
      String range = lo == hi ? Integer.toString(lo) : lo + "–" + hi;
      out.printf(
          "  %9s %7d %s%n", range, hist[k], "#".repeat((int) Math.round(50.0 * hist[k] / most)));
    }
  }

  private static String number(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    return Math.abs(v) >= 1e5 || (v != 0 && Math.abs(v) < 1e-3)
        ? String.format("%.3e", v)
        : String.format("%.4f", v);
  }
}
