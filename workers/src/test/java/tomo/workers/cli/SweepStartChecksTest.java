package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workers.temporal.TemporalOptions;
import tomo.workflows.client.SweepClient;

/**
 * {@code tomo sweep start} runs every check that needs no training before it schedules anything: a
 * refused spec exits 1 and no sweep exists afterwards.
 */
class SweepStartChecksTest {
  @TempDir Path dir;

  @Test
  void thePaperGridIsRefusedOnTheSharedDataAndNothingStarts() {
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      CliRun run =
          CliRun.of(
              "sweep", "start", "--spec", "../sweeps/paper.yaml", "--temporal", server.target());
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err())
          .contains("../sweeps/paper.yaml: the dataset neither holds nor derives")
          .contains("e_above_hull, energy, energy_per_atom")
          .contains("targets: energy — ")
          .contains("skipMissing: true");
      SweepClient sweeps = new SweepClient(TemporalOptions.connect(server.target(), "default"));
      assertThatThrownBy(() -> sweeps.progress("paper")).hasMessageContaining("paper");
    }
  }

  @Test
  void theSharedDataSpecPassesTheDryCheck() {
    Printed p = printed("sweep", "start", "--spec", "../sweeps/mp2020-36k.yaml", "--check");
    assertThat(p.code()).isZero();
    assertThat(p.out())
        .contains("../sweeps/mp2020-36k.yaml: ok, 1320 trainings (660 cells), trainer cgcnn");
  }

  @Test
  void withSkipMissingThePaperGridListsWhatWillNotRun() throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("paper-skip.yaml"),
            Files.readString(Path.of("../sweeps/paper.yaml")) + "skipMissing: true\n");
    Printed p = printed("sweep", "start", "--spec", spec.toString(), "--check");
    assertThat(p.code()).isZero();
    assertThat(p.out())
        .contains("not run (skipMissing): targets energy: ")
        .contains("not run (skipMissing): properties e_above_hull: ")
        .contains("ok, 1320 trainings (660 cells)");
  }

  @Test
  void badFieldsAndAMissingDatasetExitOne() throws Exception {
    Path zeroEpochs =
        Files.writeString(
            dir.resolve("zero.yaml"),
            "targets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\nhyper: {epochs: 0}\n");
    CliRun zero = CliRun.of("sweep", "start", "--spec", zeroEpochs.toString(), "--check");
    assertThat(zero.exitCode()).isEqualTo(1);
    assertThat(zero.err()).contains("field 'hyper.epochs': expected at least 1 epoch, got 0");

    Path noData =
        Files.writeString(
            dir.resolve("nodata.yaml"),
            "dataset: "
                + dir.resolve("missing.csv.gz")
                + "\ntargets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\n");
    CliRun missing = CliRun.of("sweep", "start", "--spec", noData.toString(), "--check");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("field 'dataset': file ").contains("missing.csv.gz");
  }

  private record Printed(int code, String out) {}

  /** Runs the CLI with what it prints on standard output. */
  private static Printed printed(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      int code = tomo.workers.TomoCli.commandLine().execute(args);
      return new Printed(code, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
