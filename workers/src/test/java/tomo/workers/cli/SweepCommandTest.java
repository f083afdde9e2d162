package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.training.SyntheticTrainer;
import tomo.materials.dataset.DatasetLocation;
import tomo.workers.TomoCli;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TomoWorkerOptions;
import tomo.workers.temporal.TomoWorkers;

/** The sweep and report commands against the embedded server with in-JVM workers. */
class SweepCommandTest {
  @TempDir Path dir;

  @Test
  void startWaitStatusAndReport() throws Exception {
    Path dataset = DatasetLocation.resolve(null);
    Path spec =
        Files.writeString(
            dir.resolve("s.yaml"),
            "name: cli\ntrainer: synthetic\ndataset: "
                + dataset
                + "\ntargets: [band_gap]\nproperties: [volume, density]\n"
                + "representations: [structure, composition]\nseeds: [0, 1]\nhyper: {epochs: 2}\n"
                + "limit: 20\n"
                + "artifactDir: "
                + dir.resolve("artifacts")
                + "\n");
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers =
            new TomoWorkers(
                TemporalOptions.connect(server.target(), "default"),
                TomoWorkerOptions.builder()
                    .orchestration(Set.of("band_gap", "volume", "density"))
                    .training(new SyntheticTrainer(Duration.ZERO), 2)
                    .disableSticky(true)
                    .build())) {
      String t = server.target();
      String started = run("sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", t);
      assertThat(started).contains("started sweep cli (16 trainings").contains("[COMPLETED]");
      assertThat(started).contains("16/16 done"); // the null control's 4 included

      String again = run("sweep", "start", "--spec", spec.toString(), "--temporal", t);
      assertThat(again).contains("attached to existing sweep cli");

      assertThat(run("sweep", "status", "cli", "--temporal", t)).contains("16/16 done");
      String report = run("report", "cli", "--temporal", t);
      assertThat(report).contains("heatmap-structure.png").contains("table1.md");
      // the synthetic trainer's numbers are made up, and the command pointing at them says so
      assertThat(report).contains("WARNING: SYNTHETIC: made-up numbers from the synthetic-v1");

      // Offline, from that report's trainings: the spec's property order (volume before density)
      // survives.
      Path reportDir =
          Path.of(
              report
                  .lines()
                  .filter(l -> l.startsWith("report: "))
                  .findFirst()
                  .orElseThrow()
                  .substring("report: ".length()));
      Path rerendered = dir.resolve("rerendered");
      run(
          "report",
          "--trainings",
          reportDir.resolve("trainings.csv").toString(),
          "--out",
          rerendered.toString());
      for (String name : new String[] {"table1.md", "table1.csv", "cells.csv"}) {
        assertThat(rerendered.resolve(name))
            .as(name)
            .hasSameTextualContentAs(reportDir.resolve(name));
      }
    }
  }

  @Test
  void statusWatchReturnsOnceEveryCellIsDone() throws Exception {
    Path spec = spec("watched", "[volume, density]", "[0, 1]");
    // a short pause per epoch so the sweep is still running when the watch begins
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server, new SyntheticTrainer(Duration.ofMillis(50)))) {
      String t = server.target();
      run("sweep", "start", "--spec", spec.toString(), "--temporal", t);

      Result watched = execute("sweep", "status", "watched", "--watch", "--temporal", t);

      assertThat(watched.code()).isZero();
      assertThat(watched.out().lines().filter(l -> l.startsWith("watched [")).reduce((a, b) -> b))
          .as("the last progress line")
          .hasValueSatisfying(
              l ->
                  assertThat(l)
                      .contains("[COMPLETED]")
                      .contains("8/8 done")
                      .contains("0 running, 0 failed, 0 pending"));
    }
  }

  @Test
  void startWaitExitsWithTwoAndNamesTheFailedCells() throws Exception {
    Path spec = spec("failing", "[density]", "[0]");
    SyntheticTrainer trainer = new SyntheticTrainer(Duration.ZERO);
    trainer.markBad("density");
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server, trainer)) {
      Result waited =
          execute(
              "sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", server.target());

      assertThat(waited.code()).as(waited.out()).isEqualTo(2);
      assertThat(waited.out())
          .contains("2/3 done") // the baseline and the null control
          .contains("1 failed")
          .contains("failed band_gap/density/structure/0 [BadInput]");

      // watching the settled sweep says the same, with the same exit code; a plain status is a
      // query
      Result watched =
          execute("sweep", "status", "failing", "--watch", "--temporal", server.target());
      assertThat(watched.code()).as(watched.out()).isEqualTo(2);
      assertThat(watched.out()).contains("failed band_gap/density/structure/0 [BadInput]");
      Result status = execute("sweep", "status", "failing", "--temporal", server.target());
      assertThat(status.code()).as(status.out()).isZero();
    }
  }

  /** A one-target spec over the shared dataset, small enough to run in a second or two. */
  private Path spec(String name, String properties, String seeds) throws Exception {
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        "name: "
            + name
            + "\ndataset: "
            + DatasetLocation.resolve(null)
            + "\ntargets: [band_gap]\nproperties: "
            + properties
            + "\nrepresentations: [structure]\nseeds: "
            + seeds
            + "\nhyper: {epochs: 2}\nlimit: 20\ntrainer: synthetic\nartifactDir: "
            + dir.resolve("artifacts-" + name)
            + "\n");
  }

  private static TomoWorkers workers(EmbeddedServer server, SyntheticTrainer trainer) {
    return new TomoWorkers(
        TemporalOptions.connect(server.target(), "default"),
        TomoWorkerOptions.builder()
            .orchestration(Set.of("band_gap", "volume", "density"))
            .training(trainer, 2)
            .disableSticky(true)
            .build());
  }

  private static String run(String... args) {
    Result result = execute(args);
    assertThat(result.code()).as(String.join(" ", args)).isZero();
    return result.out();
  }

  private record Result(int code, String out) {}

  /** Runs the CLI as a user would, with what it prints on standard output. */
  private static Result execute(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = TomoCli.commandLine().execute(args);
      return new Result(code, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
