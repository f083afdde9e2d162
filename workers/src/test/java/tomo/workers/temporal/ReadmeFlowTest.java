package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.DatasetLocation;

/**
 * The README's production flow, command by command, each its own process against a real Temporal
 * server: {@code tomo worker --queue orchestration} (no {@code --trainer}), {@code tomo worker
 * --queue training --trainer cgcnn}, {@code tomo sweep start --spec … --id … --wait}, {@code tomo
 * report …}. It once ended with an empty report: the orchestration worker collected by its own
 * default trainer, not the one that trained. Two tiny real CGCNN trainings. Skipped without the
 * Temporal CLI.
 */
class ReadmeFlowTest {
  @TempDir Path dir;

  @Test
  void theReadmeCommandsGiveAFullReport() throws Exception {
    Optional<Path> binary = DevServer.findBinary();
    Assumptions.assumeTrue(
        binary.isPresent(), "Temporal CLI not found: run .ci/install-temporal.sh; test skipped");
    Path artifacts = dir.resolve("artifacts");
    // no trainer and no dataset: the defaults (cgcnn; the shared dataset) are what is tested
    Path spec =
        Files.writeString(
            dir.resolve("tiny.yaml"),
            "name: tiny\ntargets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\nhyper: {epochs: 1}\nsample: 60\nartifactDir: "
                + artifacts
                + "\n");
    List<Process> workers = new ArrayList<>();
    try (DevServer server = new DevServer(binary.get(), dir)) {
      String t = server.target();
      workers.add(tomo("orchestration.log", "worker", "--queue", "orchestration", "--temporal", t));
      workers.add(
          tomo(
              "training.log",
              "worker",
              "--queue",
              "training",
              "--trainer",
              "cgcnn",
              "--temporal",
              t));

      Process start =
          tomo(
              "start.log",
              "sweep",
              "start",
              "--spec",
              spec.toString(),
              "--id",
              "tiny",
              "--wait",
              "--temporal",
              t);
      assertThat(start.waitFor(10, TimeUnit.MINUTES)).as("sweep start --wait ended").isTrue();
      String started = Files.readString(dir.resolve("start.log"));
      assertThat(start.exitValue()).as(started).isZero();
      assertThat(started).contains("started sweep tiny (3 trainings");

      Process report = tomo("report.log", "report", "tiny", "--temporal", t);
      assertThat(report.waitFor(2, TimeUnit.MINUTES)).isTrue();
      String printed = Files.readString(dir.resolve("report.log"));
      assertThat(report.exitValue()).as(printed).isZero();
      Path reportDir = artifacts.resolve("reports").resolve("tiny");
      assertThat(printed).contains("report: " + reportDir);
      // the baseline, the augmented training and the null control (permuted band_gap), all found
      // by the report, paired into one cell and one control
      List<String> trainings = Files.readAllLines(reportDir.resolve("trainings.csv"));
      assertThat(trainings).as("trainings.csv").hasSize(4);
      List<String> cells = Files.readAllLines(reportDir.resolve("cells.csv"));
      assertThat(cells).as("cells.csv").hasSize(3);
      assertThat(cells.get(1)).contains("band_gap").contains("volume").contains("structure");
      assertThat(cells.get(2)).contains("permuted:band_gap").contains(",true,");
      assertThat(Files.readString(dir.resolve("orchestration.log")))
          .contains("sweep tiny: 3 outcomes of trainer cgcnn-v3 collected, 0 missing");
    } finally {
      for (Process p : workers) {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      }
    }
  }

  /** {@code tomo ARGS} in its own JVM, output to {@code log}; metrics on a free port each. */
  private Process tomo(String log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("-Dai.djl.offline=true");
    // what the launcher's default (../shared beside the repository) resolves to from here
    command.add("-D" + DatasetLocation.PROPERTY + "=" + DatasetLocation.resolve(null));
    command.add("tomo.workers.TomoCli");
    command.addAll(List.of(args));
    if (args[0].equals("worker")) {
      command.addAll(List.of("--metrics-port", "0"));
    }
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(log).toFile())
        .start();
  }
}
