package tomo.workers.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tomo.activities.report.ReportDetails;
import tomo.activities.report.ReportDetailsCsv;
import tomo.activities.report.ReportNameOrder;
import tomo.activities.report.ReportTraining;
import tomo.activities.report.ReportWriter;
import tomo.activities.report.SweepAggregator;
import tomo.activities.report.SweepReport;
import tomo.activities.report.TrainingProvenance;
import tomo.activities.report.TrainingsCsvReader;
import tomo.workers.temporal.TemporalOptions;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.TrainingOutcome;

/**
 * {@code tomo report SWEEP_ID}: where a sweep's heatmaps and tables are; {@code tomo report
 * --trainings FILE --out DIR}: the same report rendered again, without Temporal, from the {@code
 * trainings.csv} of earlier reports.
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
  }

  @Override
  public Integer call() throws IOException {
    if (source.offline != null) {
      return rerender(source.offline.trainings, source.offline.out);
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

  private int rerender(List<Path> trainingsFiles, Path outDir) throws IOException {
    Path out = outDir.toAbsolutePath().normalize();
    // Checked before anything is read or rendered, so that a refusal costs nothing.
    if (Files.exists(out) && !isEmptyDirectory(out)) {
      throw new IllegalArgumentException(
          "--out " + out + " exists and is not an empty directory; give a new one");
    }
    List<List<ReportTraining>> perFile = new ArrayList<>();
    for (Path file : trainingsFiles) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            file + (Files.exists(file) ? ": not a regular file" : ": no such file"));
      }
      List<ReportTraining> trainings = TrainingsCsvReader.readTrainings(file);
      if (trainings.isEmpty()) {
        throw new IllegalArgumentException(file + ": no trainings, only a header");
      }
      perFile.add(trainings);
    }
    refuseMixing(trainingsFiles, perFile, TrainingProvenance::trainer, "trainers", "trained by");
    refuseMixing(
        trainingsFiles,
        perFile,
        TrainingProvenance::datasetSha256,
        "dataset versions",
        "read dataset SHA-256");
    List<ReportTraining> merged = merge(trainingsFiles, perFile);
    List<List<TrainingOutcome>> outcomesPerFile =
        perFile.stream().map(f -> f.stream().map(ReportTraining::outcome).toList()).toList();
    SweepReport report;
    try {
      report =
          new SweepAggregator(ReportNameOrder.recover(outcomesPerFile)).aggregateTrainings(merged);
    } catch (IllegalArgumentException e) {
      // Mixing inside one file: the aggregator names the trainings, this names the files.
      throw new IllegalArgumentException(
          String.join(", ", trainingsFiles.stream().map(Path::toString).toList())
              + ": "
              + e.getMessage(),
          e);
    }
    // the learning curves and provenance the earlier reports wrote beside their trainings.csv
    writeAtomically(report, ReportDetailsCsv.readBeside(trainingsFiles), out);

    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "%d trainings from %d file(s): %d cells, %d unpaired%n",
        report.trainings().size(),
        trainingsFiles.size(),
        report.cells().size(),
        report.missing().size());
    printFiles(out, stdout);
    return 0;
  }

  /**
   * A report never mixes trainers or dataset versions: files whose trainings differ in either are
   * refused, naming each file with its value ("not recorded" for files of an older tomo).
   */
  static void refuseMixing(
      List<Path> files,
      List<List<ReportTraining>> perFile,
      Function<TrainingProvenance, String> field,
      String what,
      String verb) {
    Map<String, List<Path>> byValue = new LinkedHashMap<>();
    for (int f = 0; f < perFile.size(); f++) {
      for (ReportTraining t : perFile.get(f)) {
        String value =
            Objects.requireNonNullElse(field.apply(t.provenance()), SweepReport.NOT_RECORDED);
        List<Path> list = byValue.computeIfAbsent(value, v -> new ArrayList<>());
        if (!list.contains(files.get(f))) {
          list.add(files.get(f));
        }
      }
    }
    if (byValue.size() > 1) {
      List<String> parts = new ArrayList<>();
      byValue.forEach(
          (value, in) ->
              parts.add(
                  String.join(", ", in.stream().map(Path::toString).toList())
                      + " "
                      + verb
                      + " "
                      + value));
      throw new IllegalArgumentException(
          "a report never mixes " + what + ": " + String.join("; ", parts));
    }
  }

  /**
   * All trainings of all files. The same training in two places is kept once when the results agree
   * and refused, naming both files, when they differ.
   */
  static List<ReportTraining> merge(List<Path> files, List<List<ReportTraining>> perFile) {
    record Seen(TrainingOutcome training, Path file) {}
    Map<CellKey, Seen> seen = new HashMap<>();
    List<ReportTraining> merged = new ArrayList<>();
    for (int f = 0; f < perFile.size(); f++) {
      for (ReportTraining r : perFile.get(f)) {
        TrainingOutcome t = r.outcome();
        Seen earlier = seen.putIfAbsent(t.cellKey(), new Seen(t, files.get(f)));
        if (earlier == null) {
          merged.add(r);
        } else if (!SweepAggregator.sameResult(earlier.training(), t)) {
          throw new IllegalArgumentException(
              conflict(earlier.file(), earlier.training(), files.get(f), t));
        }
      }
    }
    return merged;
  }

  private static String conflict(
      Path firstFile, TrainingOutcome first, Path secondFile, TrainingOutcome second) {
    String message =
        "training "
            + first.cellKey().label()
            + " appears twice with different results: "
            + first.metric()
            + "="
            + first.testMetric()
            + " in "
            + firstFile
            + " and "
            + second.metric()
            + "="
            + second.testMetric()
            + " in "
            + secondFile;
    if (first.property() == null && firstFile.equals(secondFile)) {
      // A per-cell-baseline report lists one baseline per property under the same key and does not
      // say which property each was trained for.
      message +=
          "; the report of a sweep with 'baseline: per-cell' cannot be rendered from its"
              + " trainings.csv";
    }
    return message;
  }

  /**
   * Renders into a hidden directory beside {@code out} and renames it, so that a failure leaves no
   * partial report behind.
   */
  static void writeAtomically(SweepReport report, ReportDetails details, Path out)
      throws IOException {
    Path parent = out.getParent();
    Files.createDirectories(parent);
    // Not Files.createTempDirectory: its owner-only permissions would stay with the report.
    Path partial =
        Files.createDirectory(
            parent.resolve("." + out.getFileName() + ".partial-" + UUID.randomUUID()));
    try {
      new ReportWriter().write(report, details, partial);
      if (Files.exists(out)) {
        Files.delete(out); // empty, checked before
      }
      Files.move(partial, out, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      try {
        deleteTree(partial);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
