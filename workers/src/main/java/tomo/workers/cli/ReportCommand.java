package tomo.workers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tomo.activities.report.OfflineReport;
import tomo.activities.report.SweepReport;
import tomo.workers.temporal.TemporalOptions;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.SweepProgress;

/**
 * {@code tomo report SWEEP_ID}: where a sweep's heatmaps and tables are; {@code tomo report
 * --trainings FILE --out DIR}: the same report rendered again, without Temporal, from the {@code
 * trainings.csv} of earlier reports ({@link OfflineReport} renders it).
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Show where a sweep's heatmaps and Table 1 are,",
      "or render the report again offline from the trainings.csv of earlier reports."
    })
public final class ReportCommand implements Callable<Integer> {
  @Mixin TemporalOptions temporal;

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  /** Either a sweep on the Temporal service or trainings files on disk. */
  static final class Source {
    @Parameters(index = "0", paramLabel = "SWEEP_ID", description = "Sweep id.")
    String sweepId;

    @ArgGroup(
        exclusive = false,
        multiplicity = "1",
        heading = "Offline re-render (no Temporal service needed):%n")
    Offline offline;
  }

  /** The options of the offline form. */
  static final class Offline {
    @Option(
        names = "--trainings",
        required = true,
        paramLabel = "FILE",
        description =
            "trainings.csv of an earlier report. Repeat to merge sweeps; a training in several"
                + " files must have the same result in each.")
    List<Path> trainings;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Directory for the report; must not exist or be empty.")
    Path out;

    @Option(
        names = "--rule",
        converter = CompareCommand.CriterionConverter.class,
        paramLabel = "paired|interval|paper-bounds",
        description =
            "Primary significance rule (Table 1's \"significant\"; every rule is shown)."
                + " Default: the one the earlier reports recorded, else paired.")
    SignificanceRule rule;
  }

  @Override
  public Integer call() throws IOException {
    if (source.offline != null) {
      return rerender(source.offline.trainings, source.offline.out, source.offline.rule);
    }
    SweepProgress p = new SweepClient(temporal.connect()).progress(source.sweepId);
    if (p.reportDir() == null) {
      System.out.println(ProgressPrinter.line(p));
      System.out.println("no report yet: it is written when every cell of a round has ended");
      return 3;
    }
    System.out.println(ProgressPrinter.line(p));
    printFiles(Path.of(p.reportDir()));
    return 0;
  }

  static void printFiles(Path dir) throws IOException {
    printFiles(dir, new PrintWriter(System.out, true));
  }

  private static void printFiles(Path dir, PrintWriter out) throws IOException {
    out.println("report: " + dir);
    try (Stream<Path> files = Files.list(dir)) {
      files.sorted().forEach(f -> out.println("  " + f));
    }
    printWarnings(dir, out);
    out.flush();
  }

  /**
   * The report's banner (synthetic numbers) and failed gates, as table1.json lists them, so that
   * the command that points at a report never hides them.
   */
  private static void printWarnings(Path dir, PrintWriter out) throws IOException {
    Path json = dir.resolve("table1.json");
    if (!Files.isRegularFile(json)) {
      return;
    }
    JsonNode warnings = new ObjectMapper().readTree(json.toFile()).path("warnings");
    for (JsonNode w : warnings) {
      out.println("WARNING: " + w.asText());
    }
  }

  private int rerender(List<Path> trainingsFiles, Path outDir, SignificanceRule rule)
      throws IOException {
    Path out = outDir.toAbsolutePath().normalize();
    // Checked before anything is read or rendered, so that a refusal costs nothing.
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new IllegalArgumentException(
          "--out " + out + " exists and is not an empty directory; give a new one");
    }
    SweepReport report = OfflineReport.render(trainingsFiles, out, rule);

    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "%d trainings from %d file(s): %d cells, %d unpaired%n",
        report.trainings().size(),
        trainingsFiles.size(),
        report.cells().size(),
        report.missing().size());
    stdout.println(report.criteria().describe());
    printFiles(out, stdout);
    return 0;
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
