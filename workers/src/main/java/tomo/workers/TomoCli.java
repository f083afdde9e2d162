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
import tomo.workflows.client.SweepRequestException;

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
  /**
   * gRPC reports an unresolvable or unreachable host as a warning with a stack trace on stderr
   * (JUL) before the call fails; the command then says the same in one sentence. Held here: JUL
   * keeps only weak references to its loggers, and a collected one would forget its level.
   */
  private static final java.util.logging.Logger GRPC_CHANNEL_LOG =
      java.util.logging.Logger.getLogger("io.grpc.internal.ManagedChannelImpl");

  static {
    GRPC_CHANNEL_LOG.setLevel(java.util.logging.Level.SEVERE);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    // Every process starts here, `tomo worker` included. The reports draw into images, never a
    // window, yet with a DISPLAY in the environment (a desktop, ssh -X) AWT connects to that X
    // server and rendering fails when it cannot; set at the edge, so -Djava.awt.headless wins.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new TomoCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          // a user-facing error: its message names file, row and field; the stack is for --debug
          // logs
          commandLine.getErr().println("tomo: " + words(e));
          org.slf4j.LoggerFactory.getLogger(TomoCli.class).debug("failure", e);
          return e instanceof SweepRequestException r && r.sweepFailed() ? 2 : 1;
        });
    return cli;
  }

  /** The message of an error, or what it is when it has none (never a stack trace). */
  private static String words(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
