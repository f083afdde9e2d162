package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.activities.training.SyntheticTrainer;
import tomo.materials.dataset.DatasetLocation;
import tomo.workers.TomoCli;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workers.temporal.TemporalOptions;
import tomo.workers.temporal.TomoWorkerOptions;
import tomo.workers.temporal.TomoWorkers;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.SweepSpecParser;

/**
 * What the command line says when a sweep fails or a request cannot be made: FAILED with the cause
 * and exit 2 for a failed sweep (start --wait, status, status --watch all return), a sentence and
 * exit 1 for an unreachable server, an unknown sweep or a retry of an ended one; never a stack
 * trace.
 */
class SweepCommandFailuresTest {
  @TempDir Path dir;

  @Test
  void aSweepWhoseDatasetIsMissingEndsFailedWithThePathAndExitTwo() throws Exception {
    Path missing = dir.resolve("nowhere/materials.csv.gz");
    Path spec = spec("missing", missing);
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server)) {
      String t = server.target();
      // sweep start checks the dataset itself: exit 1, nothing started
      Result refused =
          execute("sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", t);
      assertThat(refused.code()).as(refused.all()).isEqualTo(1);
      assertThat(refused.err()).contains("field 'dataset'").contains(missing.toString());
      Result none = execute("sweep", "status", "missing", "--temporal", t);
      assertThat(none.code()).as(none.all()).isEqualTo(1);

      // a sweep started by another client (a DAG, a script) fails in its prepare step and shows
      // FAILED with the path, exit 2, whether waited for, queried or watched
      SweepClient sweeps = new SweepClient(TemporalOptions.connect(t, "default"));
      sweeps.startOrAttach(
          "missing", SweepSpecParser.parse(Files.readString(spec), spec.toString()));
      Result waited = execute("sweep", "status", "missing", "--watch", "--temporal", t);
      assertThat(waited.code()).as(waited.all()).isEqualTo(2);
      assertThat(waited.out()).contains("missing [FAILED]: prepare: ").contains(missing.toString());

      Result status = execute("sweep", "status", "missing", "--temporal", t);
      assertThat(status.code()).as(status.all()).isEqualTo(2);
      assertThat(status.out()).contains("[FAILED]").contains(missing.toString());
      Result watched = execute("sweep", "status", "missing", "--watch", "--temporal", t);
      assertThat(watched.code()).as(watched.all()).isEqualTo(2);
      assertThat(watched.out()).contains("[FAILED]").contains(missing.toString());
    }
  }

  @Test
  void aHeaderOnlyDatasetEndsFailedNamingTheFile() throws Exception {
    Path empty =
        Files.writeString(
            dir.resolve("header-only.csv"),
            "material_id,formation_energy_per_atom,band_gap,efermi,volume,total_magnetization,"
                + "spacegroup.number,spacegroup.crystal_system,cif\n");
    Path spec = spec("empty", empty);
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server)) {
      Result waited =
          execute(
              "sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", server.target());
      assertThat(waited.code()).as(waited.all()).isEqualTo(2);
      assertThat(waited.out()).contains("empty [FAILED]: ").contains(empty.toString());
    }
  }

  @Test
  void aMalformedCifRowEndsFailedNamingRowAndField() throws Exception {
    Path bad =
        Files.writeString(
            dir.resolve("bad-cif.csv"),
            "material_id,formation_energy_per_atom,band_gap,efermi,volume,total_magnetization,"
                + "spacegroup.number,spacegroup.crystal_system,cif\n"
                + "mp-1,0.1,0.0,0.5,114.0,0.0,229,cubic,\"data_Cs\n_cell_length_a oops\n\"\n");
    Path spec = spec("bad-cif", bad);
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server)) {
      Result waited =
          execute(
              "sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", server.target());
      assertThat(waited.code()).as(waited.all()).isEqualTo(2);
      assertThat(waited.out())
          .contains("bad-cif [FAILED]: prepare: ")
          .contains(bad.toString())
          .containsIgnoringCase("row")
          .contains("cif");
    }
  }

  @Test
  void anArtifactDirUnderARegularFileEndsFailedNamingThePath() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    Path spec =
        Files.writeString(
            dir.resolve("under-file.yaml"),
            "name: under-file\ndataset: "
                + DatasetLocation.resolve(null)
                + "\ntargets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\nhyper: {epochs: 2}\nlimit: 20\ntrainer: synthetic\nartifactDir: "
                + file.resolve("artifacts")
                + "\n");
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server)) {
      Result waited =
          execute(
              "sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", server.target());
      assertThat(waited.code()).as(waited.all()).isEqualTo(2);
      assertThat(waited.out()).contains("under-file [FAILED]: prepare: ").contains(file.toString());
    }
  }

  @Test
  void requestsThatCannotBeMadeSaySoInWordsWithExitOne() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Result refused = execute("sweep", "status", "any", "--temporal", "127.0.0.1:" + closed);
    assertThat(refused.code()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("tomo: cannot reach the Temporal server at 127.0.0.1:" + closed);
    assertThat(refused.all()).doesNotContain("\tat ").doesNotContain("runId=");

    Result unresolvable =
        execute("sweep", "status", "any", "--temporal", "no-such-host.invalid:7233");
    assertThat(unresolvable.code()).as(unresolvable.all()).isEqualTo(1);
    assertThat(unresolvable.err())
        .startsWith("tomo: cannot reach the Temporal server at no-such-host.invalid:7233");
    assertThat(unresolvable.all()).doesNotContain("\tat ");

    Path spec = spec("done", DatasetLocation.resolve(null));
    try (EmbeddedServer server = new EmbeddedServer(0);
        TomoWorkers workers = workers(server)) {
      String t = server.target();
      Result unknown = execute("sweep", "status", "nope", "--temporal", t);
      assertThat(unknown.code()).isEqualTo(1);
      assertThat(unknown.err()).startsWith("tomo: no sweep 'nope' on the Temporal server at " + t);

      assertThat(
              execute("sweep", "start", "--spec", spec.toString(), "--wait", "--temporal", t)
                  .code())
          .isZero();
      Result retry = execute("sweep", "retry", "done", "--temporal", t);
      assertThat(retry.code()).isEqualTo(1);
      assertThat(retry.err()).startsWith("tomo: sweep done has ended (COMPLETED); retry works");
      assertThat(retry.err()).doesNotContain("\tat ").doesNotContain("runId=");
    }
  }

  /** The embedded server binds the loopback interface only: it has no authentication. */
  @Test
  void theEmbeddedServerListensOnLoopbackOnly() throws Exception {
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      assertThat(server.target()).startsWith("127.0.0.1:");
      String listening =
          Files.readString(Path.of("/proc/net/tcp")) + Files.readString(Path.of("/proc/net/tcp6"));
      String port = String.format(":%04X ", server.port());
      assertThat(listening.lines().filter(l -> l.contains(port) && l.contains(" 0A ")))
          .as("listening sockets on port %d", server.port())
          .isNotEmpty()
          .allSatisfy(
              l -> {
                String local = l.trim().split("\\s+")[1];
                assertThat(local)
                    .as("bound address")
                    .isIn(
                        "0100007F" + port.trim(),
                        "00000000000000000000000001000000" + port.trim(),
                        "0000000000000000FFFF00000100007F" + port.trim());
              });
    }
  }

  private Path spec(String name, Path dataset) throws Exception {
    return Files.writeString(
        dir.resolve(name + ".yaml"),
        "name: "
            + name
            + "\ndataset: "
            + dataset
            + "\ntargets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
            + "seeds: [0]\nhyper: {epochs: 2}\nlimit: 20\ntrainer: synthetic\nartifactDir: "
            + dir.resolve("artifacts-" + name)
            + "\n");
  }

  private static TomoWorkers workers(EmbeddedServer server) {
    return new TomoWorkers(
        TemporalOptions.connect(server.target(), "default"),
        TomoWorkerOptions.builder()
            .orchestration(Set.of("band_gap", "volume", "density"))
            .training(new SyntheticTrainer(Duration.ZERO), 2)
            .disableSticky(true)
            .build());
  }

  private record Result(int code, String out, String err, String stderr) {
    String all() {
      return out + err + stderr;
    }
  }

  /** Runs the CLI as a user would, with what it prints on standard output and error. */
  private static Result execute(String... args) {
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = TomoCli.commandLine();
      cli.setErr(new PrintWriter(err, true));
      int code = cli.execute(args);
      return new Result(
          code,
          out.toString(StandardCharsets.UTF_8),
          err.toString(),
          stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }
}
