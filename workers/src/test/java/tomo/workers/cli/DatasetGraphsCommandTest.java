package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.materials.testing.Fixtures;
import tomo.workers.TomoCli;
import tomo.workflows.model.Representation;

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
  void warnsOfSitesWithoutANeighbourWithinTheCutoff() throws Exception {
    // the cell: 1,000 Å, 2 atoms 10 Å apart; the padded-slot count alone did not say so
    String cif = Fixtures.cubicCif("Ar2", 1000, "Ar 0.25 0.25 0.25", "Ar 0.26 0.25 0.25");
    Path csv =
        Files.writeString(
            cacheDir.resolve("huge.csv"),
            Fixtures.BAND_GAP_HEADER + Fixtures.row("mp-9", "1.0", cif));
    String out =
        run(
            "dataset",
            "graphs",
            csv.toString(),
            "--mode",
            "both",
            "--cache-dir",
            cacheDir.resolve("graphs").toString());
    assertThat(out)
        .contains(
            "  WARNING: 2 site(s) in 1 material(s) have no neighbour within 8.0 Å (the graph sees"
                + " them as atoms alone in space: a huge or broken cell?), e.g. mp-9");
  }

  @Test
  void withoutATerminalPrintsOneLinePerEventAndNoProgress() {
    // what CI and log files see: whole lines only, no per-material progress
    DatasetGraphsCommand command = new DatasetGraphsCommand();
    command.bars = () -> null; // no terminal, whatever runs the tests
    String out =
        runCommand(command, "--mode", "both", "--limit", "20", "--cache-dir", cacheDir.toString());

    assertThat(out).doesNotContain("\r");
    // the read, three lines per kind of graph, the totals
    assertThat(out.lines())
        .hasSize(8)
        .satisfies(l -> assertThat(l.get(0)).startsWith("read 20 materials"))
        .satisfies(l -> assertThat(l.get(1)).startsWith("structure graphs: built 20"))
        .satisfies(l -> assertThat(l.get(4)).startsWith("composition graphs: built 20"))
        .satisfies(l -> assertThat(l.get(7)).startsWith("total "));
  }

  @Test
  void onATerminalABarFollowsEachBuildToTheEnd() {
    List<String> frames = Collections.synchronizedList(new ArrayList<>());
    DatasetGraphsCommand command = new DatasetGraphsCommand();
    command.bars =
        () ->
            new ProgressBarBuilder()
                .setConsumer(new DelegatingProgressBarConsumer(frames::add, 160));
    String out =
        runCommand(command, "--mode", "both", "--limit", "20", "--cache-dir", cacheDir.toString());

    assertThat(out).contains("structure graphs: built 20").contains("composition graphs: built 20");
    for (String task : new String[] {"structure", "composition"}) {
      assertThat(frames.stream().filter(f -> f.startsWith(task)).reduce((a, b) -> b))
          .as("last frame of the %s bar", task)
          .hasValueSatisfying(f -> assertThat(f).contains("100%").contains("20/20 materials"));
    }
  }

  /** Runs the command object itself, so a test can set what the command line cannot. */
  private static String runCommand(DatasetGraphsCommand command, String... args) {
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    assertThat(cli.execute(args)).as("exit code; stderr: %s", err).isZero();
    return out.toString();
  }

  @Test
  void modeTakesEitherRepresentationOrBoth() {
    for (Map.Entry<String, List<Representation>> e :
        Map.of(
                "structure", List.of(Representation.STRUCTURE),
                "composition", List.of(Representation.COMPOSITION),
                "both", List.of(Representation.STRUCTURE, Representation.COMPOSITION))
            .entrySet()) {
      DatasetGraphsCommand command = new DatasetGraphsCommand();
      new CommandLine(command).parseArgs("--mode", e.getKey());
      assertThat(command.mode.representations()).isEqualTo(e.getValue());
    }
    DatasetGraphsCommand byDefault = new DatasetGraphsCommand();
    new CommandLine(byDefault).parseArgs();
    assertThat(byDefault.mode.representations())
        .containsExactly(Representation.STRUCTURE, Representation.COMPOSITION);
    assertThatThrownBy(() -> new CommandLine(new DatasetGraphsCommand()).parseArgs("--mode", "all"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'all' is not one of structure, composition, both");
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
