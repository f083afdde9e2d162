package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.dataset.DatasetRows;
import tomo.activities.estimate.SweepWorkload;
import tomo.activities.training.CgcnnCellTrainer;
import tomo.activities.training.Concurrency;
import tomo.activities.training.DeviceInventory;
import tomo.activities.training.GpuSelection;
import tomo.activities.training.TrainingActivitiesImpl;
import tomo.activities.training.TrainingLayout;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.workers.TomoCli;
import tomo.workers.temporal.EmbeddedServer;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.sweep.TrainingPlan;

/** {@code tomo sweep estimate} and the line {@code sweep start} prints, on real data. */
class SweepEstimateCommandTest {
  @TempDir Path dir;

  private Path spec(String targets) throws Exception {
    return Files.writeString(
        dir.resolve("s.yaml"),
        "name: est\ndataset: "
            + DatasetLocation.resolve(null)
            + "\ntargets: "
            + targets
            + "\nproperties: [volume, density]\nrepresentations: [structure]\nseeds: [0, 1]\n"
            + "hyper: {epochs: 3, batchSize: 32}\nlimit: 100\nartifactDir: "
            + dir.resolve("artifacts")
            + "\n");
  }

  @Test
  void jsonWithoutSpeedCountsTheWorkAndNamesTargetsWithoutValues() throws Exception {
    Path spec = spec("[band_gap, energy_per_atom]");

    Result r =
        execute(
            "sweep",
            "estimate",
            "--spec",
            spec.toString(),
            "--offline",
            "--no-calibration",
            "--json");

    assertThat(r.code()).isZero();
    JsonNode json = json(r.out());
    // per target 2 baselines and 2 seeds × (volume, density, the null control permuted band_gap)
    assertThat(json.get("trainings").asLong()).isEqualTo(8);
    assertThat(json.get("untrainable").get("trainings").asLong()).isEqualTo(8);
    assertThat(json.get("untrainable").get("reasons")).hasSize(1);
    assertThat(json.get("untrainable").get("reasons").get(0).asText())
        .isEqualTo("energy_per_atom: no material has a value");
    assertThat(json.get("alreadyDone").asLong()).isZero();
    assertThat(json.get("epochs").asInt()).isEqualTo(3);
    // 8 trainings on the same 60 of 100 materials (band_gap, volume and density always present)
    assertThat(json.get("remaining").get("crystalEpochs").asLong()).isEqualTo(8L * 60 * 3);
    assertThat(json.get("remaining").get("atomEpochs").asLong()).isGreaterThan(8L * 60 * 3);
    assertThat(json.get("throughput").isNull()).isTrue();
    assertThat(json.get("predictedSeconds").isNull()).isTrue();
  }

  @Test
  void countsTheSameGridUnderEachProtocol() throws Exception {
    Result r =
        execute(
            "sweep",
            "estimate",
            "--spec",
            spec("[band_gap]").toString(),
            "--offline",
            "--no-calibration",
            "--protocol",
            "tomo,paper,finetune",
            "--json");
    assertThat(r.code()).isZero();
    JsonNode json = json(r.out()).get("byProtocol");
    // fine-tuned: per seed the baseline in full (3 epochs) and its control, 3 cells, each
    // fine-tuning 1 epoch (a fifth of 3, at least 1)
    assertThat(json.get("finetune").get("trainings").asLong()).isEqualTo(2 * (2 + 3));
    assertThat(json.get("finetune").get("remaining").get("crystalEpochs").asLong())
        .isEqualTo(2L * 60 * 3 + 2L * 4 * 60);
    // 2 seeds × (volume, density, the null control): tomo a shared baseline per seed, the paper a
    // masked baseline per cell
    assertThat(json.get("tomo").get("trainings").asLong()).isEqualTo(2 * (1 + 3));
    assertThat(json.get("paper").get("trainings").asLong()).isEqualTo(2 * 3 * 2);
    assertThat(json.get("paper").get("remaining").get("crystalEpochs").asLong())
        .isEqualTo(12L * 60 * 3);
    assertThat(json.get("paper").get("predictedSeconds").isNull()).isTrue();
  }

  @Test
  void adaptiveSeedsGiveTheLeastAndTheMostTheSweepCanCost() throws Exception {
    Path spec = spec("[band_gap]");
    Files.writeString(spec, Files.readString(spec) + "moreSeeds: {upTo: 5}\n");
    Result r =
        execute("sweep", "estimate", "--spec", spec.toString(), "--offline", "--no-calibration");
    assertThat(r.code()).isZero();
    // 2 seeds × (baseline + 3 cells) at least; 5 seeds × 4 at most
    assertThat(r.out())
        .contains("adaptive seeds")
        .contains("8-20")
        .contains("the spec's 2 seeds per cell, up to 5 for every open cell");
    Result j =
        execute(
            "sweep",
            "estimate",
            "--spec",
            spec.toString(),
            "--offline",
            "--no-calibration",
            "--json");
    JsonNode json = json(j.out());
    assertThat(json.get("trainings").asLong()).isEqualTo(8);
    assertThat(json.get("atMostWithAdaptiveSeeds").get("trainings").asLong()).isEqualTo(20);
  }

  @Test
  void calibratesOnThisMachineWhenTheServerCannotListWorkers() throws Exception {
    Path spec = spec("[band_gap]");
    try (EmbeddedServer server = new EmbeddedServer(0)) {
      Result r =
          execute(
              "sweep",
              "estimate",
              "--spec",
              spec.toString(),
              "--temporal",
              server.target(),
              "--calibration-materials",
              "60",
              "--calibration-epochs",
              "2",
              "--threads",
              "1");

      assertThat(r.code()).isZero();
      assertThat(r.out())
          .contains("trainings                   8  0 already done, 8 to train")
          .contains("calibration training in this process: band_gap (structure) on 60 random")
          .contains("1 intra-op thread(s)")
          .contains("this machine: the server does not list pollers")
          .containsPattern("predicted +\\S+ (s|min|h|d)")
          .contains("× 1 worker(s)");

      // sweep start prints the workload line before it starts the sweep
      Result started =
          execute("sweep", "start", "--spec", spec.toString(), "--temporal", server.target());
      assertThat(started.code()).isZero();
      assertThat(started.out().lines().toList())
          .first()
          .asString()
          .startsWith("estimate: 8 trainings (0 already done), ")
          .endsWith("atom-epochs to train; no measured speed yet (tomo sweep estimate calibrates)");
      assertThat(started.out()).contains("started sweep est (8 trainings");
    }
  }

  @Test
  void theStartLineUsesTheSpeedOfStoredTrainingsAndWorkersScaleThePrediction() throws Exception {
    Path specFile = spec("[band_gap]");
    SweepSpec spec = SweepCommand.readSpec(specFile);
    assertThat(SweepEstimateCommand.startLine(spec, null))
        .isEqualTo(
            "estimate: 8 trainings (0 already done), "
                + EstimateOutput.sci(remainingAtomEpochs(spec))
                + " atom-epochs to train; no measured speed yet (tomo sweep estimate calibrates)");

    trainFirst(spec);

    assertThat(SweepEstimateCommand.startLine(spec, null))
        .startsWith("estimate: 8 trainings (1 already done), ")
        .endsWith(" on 1 training worker(s) at the measured speed");
    Result one = execute("sweep", "estimate", "--spec", specFile.toString(), "--offline", "--json");
    Result three =
        execute("sweep", "estimate", "--spec", specFile.toString(), "--workers", "3", "--json");
    JsonNode a = json(one.out());
    JsonNode b = json(three.out());
    assertThat(a.get("alreadyDone").asLong()).isEqualTo(1);
    assertThat(a.get("throughput").get("speedSource").asText())
        .startsWith(
            "measured: median of 1 stored trainings of this sweep (1 intra-op thread(s), cpu");
    assertThat(a.get("throughput").get("workersSource").asText())
        .isEqualTo("this machine (--offline)");
    assertThat(b.get("throughput").get("workers").asInt()).isEqualTo(3);
    assertThat(b.get("throughput").get("atomsPerSecondPerTraining").asDouble())
        .isEqualTo(a.get("throughput").get("atomsPerSecondPerTraining").asDouble());
    // 5 trainings left: 3 workers take a third of the time, unless one chain is longer
    double chain =
        a.get("criticalPathAtomEpochs").asDouble()
            / a.get("throughput").get("atomsPerSecondPerTraining").asDouble();
    assertThat(b.get("predictedSeconds").asDouble())
        .isEqualTo(Math.max(a.get("predictedSeconds").asDouble() / 3, chain), within());
  }

  @Test
  void calibratesOnTheFirstTargetWithValuesForTheWorkersAsked() throws Exception {
    Path spec = spec("[energy_per_atom, band_gap]");
    String[] args = {
      "sweep",
      "estimate",
      "--spec",
      spec.toString(),
      "--calibration-materials",
      "40",
      "--calibration-epochs",
      "1",
      "--threads",
      "1",
      "--json",
      "--workers"
    };

    Result r = execute(concat(args, "2"));

    assertThat(r.code()).isZero();
    JsonNode t = json(r.out()).get("throughput");
    assertThat(t.get("speedSource").asText())
        .startsWith("calibration training in this process: band_gap (structure) on 40 random");
    assertThat(t.get("workers").asInt()).isEqualTo(2);
    // each "what if" worker runs as many trainings as a worker here with --threads-per-training 1
    TrainingLayout here =
        TrainingLayout.plan(
            DeviceInventory.local(), Concurrency.AUTO, OptionalInt.of(1), GpuSelection.NONE);
    assertThat(t.get("trainingsPerWorker").asInt()).isEqualTo(here.concurrency());
    assertThat(t.get("workersSource").asText())
        .isEqualTo(
            "--workers 2, each laid out as a training worker on this machine ("
                + here.concurrency()
                + (here.concurrency() == 1 ? " training" : " trainings")
                + " at once, 1 intra-op thread each, on the CPU)");
    assertThat(t.get("totalAtomsPerSecond").asDouble())
        .isEqualTo(
            2 * here.concurrency() * t.get("atomsPerSecondPerTraining").asDouble(), within());
    CliRun none = CliRun.of(concat(args, "0"));
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.err()).contains("--workers: expected at least 1, got 0");
  }

  private static String[] concat(String[] args, String last) {
    String[] out = java.util.Arrays.copyOf(args, args.length + 1);
    out[args.length] = last;
    return out;
  }

  @Test
  void aMissingDatasetIsNamed() throws Exception {
    Path spec =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "targets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\ndataset: "
                + dir.resolve("nowhere.csv.gz")
                + "\n");
    CliRun r = CliRun.of("sweep", "estimate", "--spec", spec.toString(), "--offline");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("field 'dataset'").contains("nowhere.csv.gz");
  }

  /** The JSON document printed last (in tests the log goes to standard output too). */
  private static JsonNode json(String out) throws Exception {
    return JsonMapper.builder().build().readTree(out.substring(out.indexOf("{\n")));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }

  private static long remainingAtomEpochs(SweepSpec spec) {
    Dataset d =
        DatasetReader.read(
            Path.of(spec.data().dataset()), DatasetRows.readOptions(spec.data().selection()));
    return SweepWorkload.count(spec, d, CgcnnCellTrainer.ID).remaining().atomEpochs();
  }

  /** One real training of the sweep, stored as a training worker stores it. */
  private static void trainFirst(SweepSpec spec) {
    Dataset d =
        DatasetReader.read(
            Path.of(spec.data().dataset()), DatasetRows.readOptions(spec.data().selection()));
    PreparedDataset data =
        new PreparedDataset(d.source().toString(), d.contentSha256(), d.size(), List.of());
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new TrainingActivitiesImpl(new CgcnnCellTrainer(1)));
      env.newActivityStub(
              TrainingActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(10)).build())
          .train(TrainingPlan.all(spec, data).get(0));
    } finally {
      env.close();
    }
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
