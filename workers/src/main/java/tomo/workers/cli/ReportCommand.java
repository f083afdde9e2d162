package tomo.workers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import tomo.workers.temporal.TemporalOptions;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.SweepProgress;

/** {@code tomo report SWEEP_ID}: where a sweep's heatmaps and tables are. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Show where a sweep's heatmaps and Table 1 are.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin TemporalOptions temporal;

  @Parameters(index = "0", description = "Sweep id.")
  String sweepId;

  @Override
  public Integer call() throws IOException {
    SweepProgress p = new SweepClient(temporal.connect()).progress(sweepId);
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
    System.out.println("report: " + dir);
    try (Stream<Path> files = Files.list(dir)) {
      files.sorted().forEach(f -> System.out.println("  " + f));
    }
  }
}
