package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.ExtraGain;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/**
 * The configuration's parts, its builder, and the identity checkpoints are keyed by: the pinned
 * texts were computed by the flat configuration record this one replaced, so checkpoints written
 * before keep resuming.
 */
class TrainingConfigTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(240, 6, 6, 6.0, new GaussianExpansion(0, 6, 0.5, 0.5), 11);

  /** TrainerResumeTest's configuration (SGD). */
  private static TrainingConfig resumeTestConfig() {
    return TrainingConfig.paper("energy", "size", GraphMode.STRUCTURE, 5, 6).toBuilder()
        .shape(new NetworkShape(8, 16, 2))
        .batchSize(32)
        .milestone(4)
        .optimizer(Optimizer.SGD, 0.05)
        .threads(1)
        .build();
  }

  /** Every setting away from the paper's. */
  private static TrainingConfig unusual() {
    return TrainingConfig.paper("kind", "size", GraphMode.COMPOSITION, 9, 3).toBuilder()
        .extraMasked(true)
        .optimizer(Optimizer.ADAM, 0.003)
        .momentum(0.8)
        .patience(4)
        .gpu(true)
        .threads(2)
        .build();
  }

  private static TrainingConfig paper() {
    return TrainingConfig.paper("energy", null, GraphMode.STRUCTURE, 1, 500);
  }

  @Test
  void resumeIdentityIsTheTextOfTheFlatRecordItReplaced() {
    assertThat(resumeTestConfig().resumeIdentity()).isEqualTo(IDENTITY_RESUME_TEST);
    assertThat(unusual().resumeIdentity()).isEqualTo(IDENTITY_UNUSUAL);
    assertThat(paper().resumeIdentity()).isEqualTo(IDENTITY_PAPER);
  }

  @Test
  void checkpointFingerprintsAreThoseOfEarlierVersions() {
    assertThat(Trainer.fingerprint(resumeTestConfig(), DATA)).isEqualTo(FINGERPRINT_RESUME_TEST);
    assertThat(Trainer.fingerprint(unusual(), DATA)).isEqualTo(FINGERPRINT_UNUSUAL);
    assertThat(Trainer.fingerprint(paper(), DATA)).isEqualTo(FINGERPRINT_PAPER);
  }

  @Test
  void theInitAndTheGainComeFromTheConfigurationIntoTheFingerprint() {
    TrainingConfig base = resumeTestConfig();
    assertThat(Trainer.fingerprint(base.toBuilder().extraGain(ExtraGain.of(1)).build(), DATA))
        .isEqualTo(
            FINGERPRINT_RESUME_TEST.replace("extraGain=2.8284271247461903", "extraGain=1.0"));
    assertThat(Trainer.fingerprint(base.toBuilder().init(InitMode.INDEPENDENT).build(), DATA))
        .isEqualTo(FINGERPRINT_RESUME_TEST.replace("init=tight-zero", "init=independent"));
    // auto on a categorical extra (3 classes): √64/√3 per column, not the 8 it was before
    TrainingConfig categorical =
        TrainingConfig.paper("energy", "kind", GraphMode.STRUCTURE, 1, 500);
    assertThat(Trainer.fingerprint(categorical, DATA))
        .contains(" extraGain=" + Math.sqrt(64.0 / 3) + " data=");
    assertThat(
            Trainer.fingerprint(categorical.toBuilder().extraGain(ExtraGain.of(8)).build(), DATA))
        .contains(" extraGain=8.0 data=");
  }

  /** Every choice away from what every training did before: ADAM, the paper's init and scaling. */
  private static TrainingConfig everyChoice() {
    return TrainingConfig.paper("energy", "size", GraphMode.COMPOSITION, 7, 12).toBuilder()
        .shape(new NetworkShape(8, 16, 2))
        .batchSize(64)
        .optimizer(Optimizer.ADAM, 0.003)
        .momentum(0.8)
        .milestone(7)
        .patience(3)
        .completeOver(List.of("kind"))
        .scaling(Scaling.DATASET)
        .init(InitMode.INDEPENDENT)
        .extraGain(ExtraGain.of(1.5))
        .threads(2)
        .build();
  }

  @Test
  void theSharedHyperParametersKeepTheIdentityFingerprintAndJsonOfTheTrainersOwn()
      throws IOException {
    // the texts computed at 55055e4, when the trainer had hyper-parameter types of its own
    TrainingConfig every = everyChoice();
    assertThat(every.resumeIdentity()).isEqualTo(IDENTITY_EVERY_CHOICE);
    assertThat(Trainer.fingerprint(every, DATA)).isEqualTo(FINGERPRINT_EVERY_CHOICE);
    TrainingConfig gainOne =
        TrainingConfig.paper("energy", "kind", GraphMode.STRUCTURE, 3, 5).toBuilder()
            .extraGain(ExtraGain.of(1))
            .build();
    assertThat(Trainer.fingerprint(gainOne, DATA)).isEqualTo(FINGERPRINT_GAIN_ONE);
    ObjectMapper json = new ObjectMapper();
    assertThat(json.writeValueAsString(every)).isEqualTo(JSON_EVERY_CHOICE);
    assertThat(json.writeValueAsString(gainOne)).isEqualTo(JSON_GAIN_ONE);
    assertThat(json.writeValueAsString(paper())).isEqualTo(JSON_PAPER);
    for (TrainingConfig c : List.of(every, gainOne, paper(), unusual())) {
      assertThat(json.readValue(json.writeValueAsString(c), TrainingConfig.class)).isEqualTo(c);
    }
  }

  @Test
  void refusesFineTuningEpochsInATrainingsOwnHyperParameters() {
    assertThatThrownBy(
            () ->
                new TrainingConfig(
                    paper().task(),
                    paper().hyper().toBuilder().finetuneEpochs(3).build(),
                    NetworkShape.PAPER,
                    TrainingRuntime.DEFAULT))
        .hasMessageContaining("no fine-tuning epochs");
  }

  @Test
  void epochsPatienceAndRuntimeDoNotChangeWhatIsTrained() {
    TrainingConfig base = unusual();
    TrainingConfig other = base.toBuilder().epochs(40).patience(null).threads(0).gpu(false).build();
    assertThat(other.resumeIdentity()).isEqualTo(base.resumeIdentity());
    assertThat(base.toBuilder().momentum(0.9).build().resumeIdentity())
        .isNotEqualTo(base.resumeIdentity());
    assertThat(base.toBuilder().extraMasked(false).build().resumeIdentity())
        .isNotEqualTo(base.resumeIdentity());
  }

  @Test
  void aCheckpointWrittenByTheEarlierVersionResumes(@TempDir Path tmp) throws IOException {
    // one epoch of resumeTestConfig(), as the flat configuration's trainer wrote it
    Path checkpoint = tmp.resolve("epoch-00001");
    Files.createDirectories(checkpoint);
    for (String file : List.of("state.json", "tensors.ndlist")) {
      copy("checkpoint-before-parts/epoch-00001/" + file, checkpoint.resolve(file));
    }
    List<Integer> epochs = new ArrayList<>();
    TrainingResult r =
        new Trainer()
            .train(
                resumeTestConfig().toBuilder().epochs(2).build(),
                DATA,
                tmp,
                p -> epochs.add(p.epoch()));
    assertThat(r.resumedFromEpoch()).isEqualTo(1);
    assertThat(epochs).containsExactly(2);
  }

  @Test
  void theBuilderChangesOnlyWhatItIsTold() {
    TrainingConfig base = unusual();
    assertThat(base.toBuilder().build()).isEqualTo(base);
    TrainingConfig longer = base.toBuilder().epochs(30).build();
    assertThat(longer.task()).isEqualTo(base.task());
    assertThat(longer.runtime()).isEqualTo(base.runtime());
    assertThat(longer.hyper().epochs()).isEqualTo(30);
    assertThat(longer.hyper().optimizer()).isEqualTo(Optimizer.ADAM);
    assertThat(base.withRuntime(TrainingRuntime.DEFAULT).runtime().threads()).isZero();
  }

  @Test
  void refusesSettingsOutOfRange() {
    assertThatThrownBy(() -> paper().toBuilder().patience(0).build())
        .hasMessageContaining("patience must be at least 1 epoch");
    assertThatThrownBy(() -> paper().toBuilder().batchSize(0).build())
        .hasMessageContaining("batch size >= 1");
    assertThatThrownBy(() -> paper().toBuilder().threads(-1).build())
        .hasMessageContaining("threads >= 0");
    assertThatThrownBy(() -> paper().toBuilder().extraMasked(true).build())
        .hasMessageContaining("a masked extra input needs an extra property");
  }

  @Test
  void isOneFlatObjectInJson() throws IOException {
    JsonNode json = new ObjectMapper().valueToTree(unusual());
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    // the 15 keys of the flat record; patience now follows the hyper-parameters, and so do the
    // init and the extra input's gain, added since
    assertThat(names)
        .containsExactly(
            "target",
            "extraProperty",
            "extraMasked",
            "mode",
            "seed",
            "epochs",
            "batchSize",
            "optimizer",
            "learningRate",
            "momentum",
            "milestoneEpoch",
            "shape",
            "patience",
            "init",
            "extraGain",
            "threads",
            "useGpu");
    assertThat(json.get("mode").asText()).isEqualTo("COMPOSITION");
    assertThat(json.get("useGpu").asBoolean()).isTrue();
    assertThat(json.get("shape").get("atomFeatures").asInt()).isEqualTo(64);
  }

  private static void copy(String resource, Path to) {
    try (InputStream in = TrainingConfigTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + resource + " is missing");
      }
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // computed at 55055e4 by everyChoice() and gainOne, with TrainingHyper, OptimizerKind,
  // InitScheme, Standardization and the trainer's own ExtraGain
  private static final String IDENTITY_EVERY_CHOICE =
      "TrainingConfig[target=energy, extraProperty=size, extraMasked=false, mode=COMPOSITION, seed=7, epochs=1, batchSize=64, optimizer=ADAM, learningRate=0.003, momentum=0.8, milestoneEpoch=7, shape=NetworkShape[atomFeatures=8, hiddenFeatures=16, convolutions=2], threads=0, useGpu=false, patience=null] completeOver=[kind] standardization=ALL_ROWS";
  private static final String FINGERPRINT_EVERY_CHOICE =
      "TrainingConfig[target=energy, extraProperty=size, extraMasked=false, mode=COMPOSITION, seed=7, epochs=1, batchSize=64, optimizer=ADAM, learningRate=0.003, momentum=0.8, milestoneEpoch=7, shape=NetworkShape[atomFeatures=8, hiddenFeatures=16, convolutions=2], threads=0, useGpu=false, patience=null] completeOver=[kind] standardization=ALL_ROWS init=independent extraGain=1.5 data=synthetic-11/synthetic-m6/240";
  private static final String FINGERPRINT_GAIN_ONE =
      "TrainingConfig[target=energy, extraProperty=kind, extraMasked=false, mode=STRUCTURE, seed=3, epochs=1, batchSize=256, optimizer=SGD, learningRate=0.01, momentum=0.9, milestoneEpoch=100, shape=NetworkShape[atomFeatures=64, hiddenFeatures=128, convolutions=3], threads=0, useGpu=false, patience=null] init=tight-zero extraGain=1.0 data=synthetic-11/synthetic-m6/240";
  private static final String JSON_EVERY_CHOICE =
      "{\"target\":\"energy\",\"extraProperty\":\"size\",\"extraMasked\":false,\"mode\":\"COMPOSITION\",\"seed\":7,\"completeOver\":[\"kind\"],\"standardization\":\"ALL_ROWS\",\"epochs\":12,\"batchSize\":64,\"optimizer\":\"ADAM\",\"learningRate\":0.003,\"momentum\":0.8,\"milestoneEpoch\":7,\"shape\":{\"atomFeatures\":8,\"hiddenFeatures\":16,\"convolutions\":2},\"patience\":3,\"init\":\"independent\",\"extraGain\":1.5,\"threads\":2,\"useGpu\":false}";
  private static final String JSON_GAIN_ONE =
      "{\"target\":\"energy\",\"extraProperty\":\"kind\",\"extraMasked\":false,\"mode\":\"STRUCTURE\",\"seed\":3,\"epochs\":5,\"batchSize\":256,\"optimizer\":\"SGD\",\"learningRate\":0.01,\"momentum\":0.9,\"milestoneEpoch\":100,\"shape\":{\"atomFeatures\":64,\"hiddenFeatures\":128,\"convolutions\":3},\"patience\":null,\"init\":\"tight\",\"extraGain\":1.0,\"threads\":0,\"useGpu\":false}";
  private static final String JSON_PAPER =
      "{\"target\":\"energy\",\"extraProperty\":null,\"extraMasked\":false,\"mode\":\"STRUCTURE\",\"seed\":1,\"epochs\":500,\"batchSize\":256,\"optimizer\":\"SGD\",\"learningRate\":0.01,\"momentum\":0.9,\"milestoneEpoch\":100,\"shape\":{\"atomFeatures\":64,\"hiddenFeatures\":128,\"convolutions\":3},\"patience\":null,\"init\":\"tight\",\"extraGain\":\"auto\",\"threads\":0,\"useGpu\":false}";

  // computed by the flat 15-field TrainingConfig and Trainer of the version before its parts
  private static final String IDENTITY_RESUME_TEST =
      "TrainingConfig[target=energy, extraProperty=size, extraMasked=false, mode=STRUCTURE, seed=5, epochs=1, batchSize=32, optimizer=SGD, learningRate=0.05, momentum=0.9, milestoneEpoch=4, shape=NetworkShape[atomFeatures=8, hiddenFeatures=16, convolutions=2], threads=0, useGpu=false, patience=null]";
  private static final String IDENTITY_UNUSUAL =
      "TrainingConfig[target=kind, extraProperty=size, extraMasked=true, mode=COMPOSITION, seed=9, epochs=1, batchSize=256, optimizer=ADAM, learningRate=0.003, momentum=0.8, milestoneEpoch=100, shape=NetworkShape[atomFeatures=64, hiddenFeatures=128, convolutions=3], threads=0, useGpu=false, patience=null]";
  private static final String IDENTITY_PAPER =
      "TrainingConfig[target=energy, extraProperty=null, extraMasked=false, mode=STRUCTURE, seed=1, epochs=1, batchSize=256, optimizer=SGD, learningRate=0.01, momentum=0.9, milestoneEpoch=100, shape=NetworkShape[atomFeatures=64, hiddenFeatures=128, convolutions=3], threads=0, useGpu=false, patience=null]";
  private static final String FINGERPRINT_RESUME_TEST =
      "TrainingConfig[target=energy, extraProperty=size, extraMasked=false, mode=STRUCTURE, seed=5, epochs=1, batchSize=32, optimizer=SGD, learningRate=0.05, momentum=0.9, milestoneEpoch=4, shape=NetworkShape[atomFeatures=8, hiddenFeatures=16, convolutions=2], threads=0, useGpu=false, patience=null] init=tight-zero extraGain=2.8284271247461903 data=synthetic-11/synthetic-m6/240";
  private static final String FINGERPRINT_UNUSUAL =
      "TrainingConfig[target=kind, extraProperty=size, extraMasked=true, mode=COMPOSITION, seed=9, epochs=1, batchSize=256, optimizer=ADAM, learningRate=0.003, momentum=0.8, milestoneEpoch=100, shape=NetworkShape[atomFeatures=64, hiddenFeatures=128, convolutions=3], threads=0, useGpu=false, patience=null] init=tight-zero extraGain=8.0 data=synthetic-11/synthetic-m6/240";
  private static final String FINGERPRINT_PAPER =
      "TrainingConfig[target=energy, extraProperty=null, extraMasked=false, mode=STRUCTURE, seed=1, epochs=1, batchSize=256, optimizer=SGD, learningRate=0.01, momentum=0.9, milestoneEpoch=100, shape=NetworkShape[atomFeatures=64, hiddenFeatures=128, convolutions=3], threads=0, useGpu=false, patience=null] init=tight-zero extraGain=8.0 data=synthetic-11/synthetic-m6/240";
}
