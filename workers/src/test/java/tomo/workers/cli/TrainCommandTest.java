package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.materials.graph.CrystalGraph;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.NodeFeaturizer;
import tomo.materials.testing.Fixtures;
import tomo.workers.TomoCli;
import tomo.workflows.model.Representation;

class TrainCommandTest {
  @TempDir Path tmp;

  @Test
  void trainsOnTheSharedDatasetAndPrintsTheResultAsJson() throws Exception {
    CommandLine cli = TomoCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "train",
            "--target",
            "band_gap",
            "--extra",
            "density",
            "--mode",
            "composition",
            "--epochs",
            "2",
            "--batch-size",
            "64",
            "--limit",
            "200",
            "--threads",
            "1",
            "--patience",
            "5",
            "--cache-dir",
            tmp.resolve("graphs").toString(),
            "--checkpoint-dir",
            tmp.resolve("ck").toString(),
            "--export-npz",
            tmp.resolve("export").toString());
    assertThat(code).as("exit code; stderr: %s", err).isZero();
    assertThat(err.toString()).contains("epoch 1/2").contains("epoch 2/2");
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("target").asText()).isEqualTo("band_gap");
    assertThat(result.get("extraProperty").asText()).isEqualTo("density");
    assertThat(result.get("metric").asText()).isEqualTo("mae");
    assertThat(result.get("history")).hasSize(2);
    assertThat(result.get("config").get("mode").asText()).isEqualTo("COMPOSITION");
    assertThat(result.get("datasetSha256").asText()).hasSize(64);
    assertThat(result.get("testMetric").asDouble()).isPositive();
    assertThat(result.get("config").get("patience").asInt()).isEqualTo(5);
    assertThat(result.get("stoppedEarly").asBoolean()).isFalse();
    assertThat(result.get("epochsRun").asInt()).isEqualTo(2);
    assertThat(tmp.resolve("export").resolve("nbr_idx.npy")).exists();
    assertThat(Files.readString(tmp.resolve("export").resolve("meta.json")))
        .contains("\"target\" : \"band_gap\"");
    assertThat(tmp.resolve("ck").resolve("epoch-00002").resolve("state.json")).exists();
  }

  @Test
  void theInitAndTheExtraGainAreFlagsWithTheSpecsNamesAndDefaults() {
    TrainCommand defaults = new TrainCommand();
    new CommandLine(defaults).parseArgs("--target", "band_gap");
    assertThat(defaults.init).isEqualTo(InitMode.TIGHT);
    assertThat(defaults.extraGain).isEqualTo(ExtraGain.AUTO);

    TrainCommand paper = new TrainCommand();
    new CommandLine(paper)
        .parseArgs("--target", "band_gap", "--init", "independent", "--extra-gain", "1");
    assertThat(paper.init).isEqualTo(InitMode.INDEPENDENT);
    assertThat(paper.extraGain).isEqualTo(ExtraGain.of(1));

    assertThatThrownBy(
            () -> new CommandLine(new TrainCommand()).parseArgs("--target", "x", "--init", "joint"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'joint' is not one of tight, independent");
    assertThatThrownBy(
            () ->
                new CommandLine(new TrainCommand()).parseArgs("--target", "x", "--extra-gain", "0"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessageContaining("'auto' or a positive number");
  }

  @Test
  void theOptionsOfHowATrainingOptimizesDefaultToTheSpecsDefaults() {
    TrainCommand defaults = new TrainCommand();
    new CommandLine(defaults).parseArgs("--target", "band_gap");
    HyperParameters paper = HyperParameters.defaults();
    assertThat(defaults.epochs).isEqualTo(paper.epochs()).isEqualTo(30);
    assertThat(defaults.batchSize).isEqualTo(paper.batchSize()).isEqualTo(256);
    assertThat(defaults.milestone).isEqualTo(paper.milestone()).isEqualTo(100);
    assertThat(defaults.optimizer).isEqualTo(paper.optimizer()).isEqualTo(Optimizer.SGD);
    assertThat(defaults.learningRate).isNull();
    assertThat(defaults.patience).isNull();
    assertThat(defaults.init).isEqualTo(paper.init());
    assertThat(defaults.extraGain).isEqualTo(paper.extraGain());
  }

  @Test
  void modeAndOptimizerTakeTheNamesSpecsUseAndBothOptimizersStartAtTheSameRate() {
    TrainCommand defaults = new TrainCommand();
    new CommandLine(defaults).parseArgs("--target", "band_gap");
    assertThat(defaults.mode).isEqualTo(Representation.STRUCTURE);
    assertThat(defaults.optimizer).isEqualTo(Optimizer.SGD);

    TrainCommand adam = new TrainCommand();
    new CommandLine(adam)
        .parseArgs("--target", "band_gap", "--mode", "composition", "--optimizer", "adam");
    assertThat(adam.mode).isEqualTo(Representation.COMPOSITION);
    assertThat(adam.optimizer).isEqualTo(Optimizer.ADAM);
    assertThat(adam.learningRate).isNull(); // so the optimizer's default: 0.01, as in sweeps
    assertThat(Optimizer.ADAM.defaultLearningRate())
        .isEqualTo(HyperParameters.builder().optimizer(Optimizer.ADAM).build().learningRate());

    for (String[] bad :
        List.of(
            new String[] {"--mode", "STRUCTURE"},
            new String[] {"--mode", "both"},
            new String[] {"--optimizer", "SGD"})) {
      assertThatThrownBy(
              () ->
                  new CommandLine(new TrainCommand())
                      .parseArgs("--target", "band_gap", bad[0], bad[1]))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining("'" + bad[1] + "' is not one of");
    }
  }

  @Test
  void anUnknownTargetOrExtraIsRejectedBeforeTheDatasetIsRead() {
    String absent = tmp.resolve("absent.csv").toString();
    Map<String, List<String>> calls =
        Map.of(
            "--target: unknown property 'band_gapp'",
            List.of("train", "--target", "band_gapp", "--dataset", absent),
            "--extra: unknown property 'densty'",
            List.of("train", "--target", "band_gap", "--extra", "densty", "--dataset", absent));
    calls.forEach(
        (message, args) -> {
          StringWriter err = new StringWriter();
          CommandLine cli = TomoCli.commandLine();
          cli.setErr(new PrintWriter(err));
          assertThat(cli.execute(args.toArray(String[]::new))).isEqualTo(2);
          assertThat(err.toString())
              .contains(message)
              .contains("known properties: ")
              .contains("formation_energy_per_atom")
              .doesNotContain("absent.csv"); // the name was checked before the dataset
        });
  }

  @Test
  void aTargetWithoutValuesFailsBeforeAnyGraphIsBuilt() throws Exception {
    String cif = Fixtures.cubicCif("Po", 3.35, "Po 0 0 0");
    StringBuilder csv = new StringBuilder(Fixtures.BAND_GAP_HEADER);
    for (int i = 1; i <= 4; i++) {
      csv.append(Fixtures.row("mp-" + i, "", cif));
    }
    Path file = Files.writeString(tmp.resolve("gapless.csv"), csv);
    StringWriter err = new StringWriter();
    CommandLine cli = TomoCli.commandLine();
    cli.setErr(new PrintWriter(err));
    int code =
        cli.execute(
            "train",
            "--target",
            "band_gap",
            "--dataset",
            file.toString(),
            "--cache-dir",
            tmp.resolve("graphs").toString());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .contains(file.toString())
        .contains("0 of 4 materials have a value of band_gap");
    assertThat(tmp.resolve("graphs")).doesNotExist();
  }

  @Test
  void sampleReadsASeededRandomSubsetAndExcludesLimit() throws Exception {
    String[] first = export("first", "--limit", "150");
    String[] sampled = export("sampled", "--sample", "150", "--sample-seed", "4");
    assertThat(first[0]).as("stderr: %s", first[1]).isEqualTo("0");
    assertThat(sampled[0]).as("stderr: %s", sampled[1]).isEqualTo("0");
    String firstMeta = Files.readString(tmp.resolve("first").resolve("meta.json"));
    String sampledMeta = Files.readString(tmp.resolve("sampled").resolve("meta.json"));
    assertThat(sampledMeta).contains("\"materials\" : 150");
    // another set of materials: not the first rows of the file
    assertThat(Files.readAllBytes(tmp.resolve("sampled").resolve("node_z.npy")))
        .isNotEqualTo(Files.readAllBytes(tmp.resolve("first").resolve("node_z.npy")));
    assertThat(firstMeta).contains("\"materials\" : 150");

    String[] both = export("both", "--limit", "150", "--sample", "150");
    assertThat(both[0]).isEqualTo("1");
    assertThat(both[1]).contains("exclude each other");
  }

  /** {@code tomo train --epochs 0 --export-npz}: exit code and stderr. */
  private String[] export(String name, String... selection) {
    CommandLine cli = TomoCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "train",
                "--target",
                "band_gap",
                "--mode",
                "composition",
                "--epochs",
                "0",
                "--cache-dir",
                tmp.resolve("graphs").toString(),
                "--export-npz",
                tmp.resolve(name).toString()));
    args.addAll(java.util.List.of(selection));
    int code = cli.execute(args.toArray(String[]::new));
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void aRerunFindsTheCheckpointFolderOfEarlierVersions() {
    // 240 one-atom crystals under the synthetic data's provenance keys
    List<CrystalGraph> graphs =
        IntStream.range(0, 240)
            .mapToObj(
                i ->
                    new CrystalGraph(
                        "m-" + i, new int[] {1}, new int[] {0}, new float[] {1f}, 1, 0))
            .toList();
    NodeFeaturizer oneHot =
        new NodeFeaturizer() {
          @Override
          public int dimension() {
            return 1;
          }

          @Override
          public float[] features(int z) {
            return new float[] {1f};
          }
        };
    TrainingData data =
        new TrainingData(
            "synthetic-11",
            "synthetic-m6",
            graphs,
            oneHot,
            new GaussianExpansion(0, 6, 0.5, 0.5),
            Map.of());
    TrainingConfig config =
        TrainingConfig.paper("kind", "size", GraphMode.COMPOSITION, 9, 3).toBuilder()
            .extraMasked(true)
            .optimizer(Optimizer.ADAM, 0.003)
            .momentum(0.8)
            .patience(4)
            .gpu(true)
            .threads(2)
            .build();
    // the folder name the flat configuration gave this training
    assertThat(TrainCommand.trainingKey(config, data))
        .isEqualTo("kind-size-composition-s9-2f3cb67319091d6d");
    assertThat(TrainCommand.trainingKey(config.toBuilder().epochs(9).threads(1).build(), data))
        .isEqualTo(TrainCommand.trainingKey(config, data));
  }
}
