package tomo.workers.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tomo.activities.orchestration.SweepPreflight;
import tomo.workers.temporal.TemporalOptions;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepSpecParser;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.UnavailableName;

/** {@code tomo sweep start|status|retry|cancel}. */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = "Start, watch and steer sweeps.",
    subcommands = {
      SweepCommand.Start.class,
      SweepCommand.Status.class,
      SweepCommand.Retry.class,
      SweepCommand.Cancel.class,
      SweepEstimateCommand.class
    })
public final class SweepCommand {

  /** {@code tomo sweep start --spec FILE [--id ID] [--wait]}. */
  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a sweep, or attach to the sweep of that id.")
  static final class Start implements Callable<Integer> {
    @Mixin TemporalOptions temporal;

    @Option(names = "--spec", required = true, description = "Sweep spec, YAML or JSON.")
    Path spec;

    @Option(names = "--id", description = "Sweep id (default: the spec's name).")
    String id;

    @Option(names = "--wait", description = "Show progress until every cell has ended.")
    boolean await;

    @Option(
        names = "--check",
        description =
            "Only check the spec against its dataset (trainer, dataset, every target and"
                + " property) and say what would run; start nothing.")
    boolean checkOnly;

    @Override
    public Integer call() throws IOException, InterruptedException {
      // every check that needs no training runs here: a bad spec exits 1 with nothing started
      SweepSpec parsed = SweepPreflight.check(readSpec(spec), null, spec.toString());
      for (UnavailableName u : parsed.data().unavailable()) {
        System.out.println(
            "not run (skipMissing): " + u.field() + " " + u.name() + ": " + u.reason());
      }
      if (checkOnly) {
        System.out.println(
            spec
                + ": ok, "
                + parsed.trainingCount()
                + " trainings ("
                + parsed.grid().cellCount()
                + " cells), trainer "
                + parsed.training().trainer());
        System.out.println(protocolLine(parsed));
        return 0;
      }
      String sweepId = id != null ? id : parsed.name();
      System.out.println(SweepEstimateCommand.startLine(parsed, temporal));
      System.out.println(protocolLine(parsed));
      SweepClient sweeps = new SweepClient(temporal.connect());
      SweepClient.Handle handle = sweeps.startOrAttach(sweepId, parsed);
      System.out.println(
          (handle.attached() ? "attached to existing sweep " : "started sweep ")
              + sweepId
              + " ("
              + parsed.trainingCount()
              + " trainings, run "
              + handle.runId()
              + ")");
      if (await) {
        SweepProgress last = ProgressPrinter.watch(() -> sweeps.progress(sweepId), System.out);
        ProgressPrinter.details(last, System.out);
        return ProgressPrinter.exitCode(last);
      }
      return 0;
    }
  }

  /** "protocol X" and what the spec departs from in it, as the report will say it. */
  static String protocolLine(SweepSpec spec) {
    List<String> notes = spec.training().protocolNotes();
    return "protocol "
        + spec.training().protocol()
        + ", baseline "
        + spec.training().baseline().label()
        + ", incomplete rows "
        + spec.data().incompleteRows()
        + (notes.isEmpty() ? "" : "; note: " + String.join("; ", notes));
  }

  /** {@code tomo sweep status ID [--watch]}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Progress, ETA and failed cells of a sweep.")
  static final class Status implements Callable<Integer> {
    @Mixin SweepTarget target;

    @Option(
        names = "--watch",
        description =
            "Keep showing progress until every cell has ended; exit 2 when cells failed (as"
                + " start --wait).")
    boolean watch;

    @Override
    public Integer call() throws InterruptedException {
      SweepClient sweeps = target.client();
      String sweepId = target.sweepId;
      if (watch && System.console() != null) {
        // a terminal: redraw the numbers the Sweep overview dashboard shows, until settled
        StatusRenderer renderer = new StatusRenderer(terminalColumns(), true);
        Supplier<SweepProgress> poll =
            ProgressPrinter.patient(
                () -> sweeps.progress(sweepId),
                System.err,
                ProgressPrinter.PATIENCE,
                Duration.ofSeconds(5));
        SweepProgress p = poll.get();
        while (true) {
          System.out.print(renderer.frame(p, Instant.now()));
          System.out.flush();
          if (ProgressPrinter.settled(p)) {
            ProgressPrinter.details(p, System.out);
            return ProgressPrinter.exitCode(p);
          }
          Thread.sleep(2000);
          p = poll.get();
        }
      }
      SweepProgress p =
          watch
              ? ProgressPrinter.watch(() -> sweeps.progress(sweepId), System.out)
              : sweeps.progress(sweepId);
      ProgressPrinter.details(p, System.out);
      // a failed sweep is an answer, not an error of the command; --watch also counts failed cells
      return p.status() == SweepStatus.FAILED || watch && p.failed() > 0 ? 2 : 0;
    }

    private static int terminalColumns() {
      try {
        return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim());
      } catch (NumberFormatException e) {
        return 80;
      }
    }
  }

  /** {@code tomo sweep retry ID [--cell target/property/representation/seed]}. */
  @Command(
      name = "retry",
      mixinStandardHelpOptions = true,
      description = "Re-run failed cells (all, or one).")
  static final class Retry implements Callable<Integer> {
    @Mixin SweepTarget target;

    @Option(
        names = "--cell",
        description = "One cell: target/property/representation/seed ('-' = baseline).")
    String cell;

    @Override
    public Integer call() {
      SweepClient sweeps = target.client();
      if (cell != null) {
        tomo.workflows.model.CellKey.parse(cell); // a bad label fails here, not in the workflow
        sweeps.retryCell(target.sweepId, cell);
        target.printAsked("retry " + cell);
      } else {
        sweeps.retryFailed(target.sweepId);
        target.printAsked("retry every failed cell");
      }
      return 0;
    }
  }

  /** {@code tomo sweep cancel ID}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Stop a sweep; finished trainings stay stored.")
  static final class Cancel implements Callable<Integer> {
    @Mixin SweepTarget target;

    @Option(names = "--reason", defaultValue = "cancelled from the command line")
    String reason;

    @Override
    public Integer call() {
      target.client().cancel(target.sweepId, reason);
      target.printAsked("cancel");
      return 0;
    }
  }

  static SweepSpec readSpec(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("sweep spec " + file + ": file not found");
    }
    return SweepSpecParser.parse(Files.readString(file), file.toString());
  }
}
