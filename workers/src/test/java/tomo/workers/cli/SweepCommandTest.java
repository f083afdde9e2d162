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
            "name: cli\ndataset: "
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
                true,
                new SyntheticTrainer(Duration.ZERO),
                2,
                true,
                null,
                "synthetic-v1",
                Set.of("band_gap", "volume", "density"),
                true)) {
      String t = server.target();
      String started = run("sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", t);
      assertThat(started).contains("started sweep cli (12 trainings").contains("[COMPLETED]");
      assertThat(started).contains("12/12 done");

      String again = run("sweep", "start", "--spec", spec.toString(), "--temporal", t);
      assertThat(again).contains("attached to existing sweep cli");

      assertThat(run("sweep", "status", "cli", "--temporal", t)).contains("12/12 done");
      String report = run("report", "cli", "--temporal", t);
      assertThat(report).contains("heatmap-structure.png").contains("table1.md");

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

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = TomoCli.commandLine().execute(args);
      assertThat(code).as(String.join(" ", args)).isZero();
    } finally {
      System.setOut(original);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
