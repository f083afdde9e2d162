package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.workers.TomoCli;

class DatasetGraphsCommandTest {
  @TempDir Path cacheDir;

  private String run(String... args) {
    CommandLine cli = TomoCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  @Test
  void buildsBothCachesOfTheSharedDatasetThenReusesThem() throws Exception {
    String first =
        run(
            "dataset",
            "graphs",
            "--mode",
            "both",
            "--limit",
            "40",
            "--cache-dir",
            cacheDir.toString());
    assertThat(first)
        .contains("read 40 materials")
        .contains("structure graphs: built 40 materials")
        .contains("composition graphs: built 40 materials")
        .contains("padded neighbour slots")
        .contains("peak memory");
    try (Stream<Path> files = Files.list(cacheDir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .hasSize(2)
          .anyMatch(n -> n.contains("-structure-"))
          .anyMatch(n -> n.contains("-composition-"));
    }
    String second =
        run(
            "dataset",
            "graphs",
            "--mode",
            "structure",
            "--limit",
            "40",
            "--cache-dir",
            cacheDir.toString());
    assertThat(second).contains("structure graphs: reused the cache of 40 materials");
  }

  @Test
  void aMissingDatasetIsAClearError() {
    CommandLine cli = TomoCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    cli.setOut(new PrintWriter(new StringWriter()));
    int code =
        cli.execute(
            "dataset",
            "graphs",
            cacheDir.resolve("nope.csv.gz").toString(),
            "--cache-dir",
            cacheDir.toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("nope.csv.gz");
  }
}
