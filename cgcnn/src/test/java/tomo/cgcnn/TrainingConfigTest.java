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
        .milestoneEpoch(4)
        .optimizer(OptimizerKind.SGD, 0.05)
        .threads(1)
        .build();
  }

  /** Every setting away from the paper's. */
  private static TrainingConfig unusual() {
    return TrainingConfig.paper("kind", "size", GraphMode.COMPOSITION, 9, 3).toBuilder()
        .extraMasked(true)
        .optimizer(OptimizerKind.ADAM, 0.003)
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
    assertThat(Trainer.fingerprint(base.toBuilder().init(InitScheme.INDEPENDENT).build(), DATA))
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
    assertThat(longer.hyper().optimizer()).isEqualTo(OptimizerKind.ADAM);
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
