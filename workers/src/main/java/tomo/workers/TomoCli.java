package tomo.workers;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import tomo.workers.cli.CompareCommand;
import tomo.workers.cli.DatasetCommand;
import tomo.workers.cli.DemoCommand;
import tomo.workers.cli.ReportCommand;
import tomo.workers.cli.ServerCommand;
import tomo.workers.cli.SweepCommand;
import tomo.workers.cli.TrainCommand;
import tomo.workers.cli.WorkerCommand;

/** The {@code tomo} command line. */
@Command(
    name = "tomo",
    mixinStandardHelpOptions = true,
    versionProvider = TomoVersion.class,
    description = "Tomographic feature importance of materials properties as durable sweeps.",
    subcommands = {
      DatasetCommand.class,
      DemoCommand.class,
      SweepCommand.class,
      WorkerCommand.class,
      ReportCommand.class,
      CompareCommand.class,
      ServerCommand.class,
      TrainCommand.class
    })
public final class TomoCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TomoCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // a user-facing error: its message names file, row and field; the stack is for --debug
          // logs
          commandLine.getErr().println("tomo: " + e.getMessage());
          org.slf4j.LoggerFactory.getLogger(TomoCli.class).debug("failure", e);
          return 1;
        });
    return cli;
  }
}
