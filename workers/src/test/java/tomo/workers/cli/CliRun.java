package tomo.workers.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import tomo.workers.TomoCli;

/** One run of the tomo CLI in this JVM, with what it printed through picocli's writers. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = TomoCli.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
