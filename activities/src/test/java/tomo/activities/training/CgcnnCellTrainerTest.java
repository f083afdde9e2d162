package tomo.activities.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.RunData;
import tomo.activities.store.RunProvenance;
import tomo.activities.store.StartWeights;
import tomo.activities.store.StoredTraining;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.testing.Fixtures;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingReceipt;
import tomo.workflows.model.TrainingRequest;

/**
 * The real CGCNN trainer behind the training activity, on a tiny dataset (30 rock-salt cells, one
 * epoch, one thread): data errors end the training at once, and a file fixed in place is read again
 * by the same worker and recorded as the data used.
 */
class CgcnnCellTrainerTest {
  @TempDir Path dir;
  private TestActivityEnvironment env;
  private TrainingActivities activity;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new TrainingActivitiesImpl(new CgcnnCellTrainer(1)));
    activity =
        env.newActivityStub(
            TrainingActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(10))
                // a retryable failure would come back after 3 attempts, not as non-retryable
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setMaximumAttempts(3)
                        .setInitialInterval(Duration.ofMillis(10))
                        .build())
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void aTargetWithoutValuesFailsAtOnceAndARetryAfterTheFixTrainsOnTheFixedFile() throws Exception {
    Path csv = dir.resolve("data.csv");
    Fixtures.writeRockSaltBandGaps(csv, false);
    String before = DatasetReader.read(csv, ReadOptions.defaults()).contentSha256();
    TrainingRequest request = request(csv, before);

    assertThatThrownBy(() -> activity.train(request))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(TrainingActivities.BAD_INPUT);
              assertThat(f.getOriginalMessage())
                  .contains("band_gap/-/structure/1")
                  .contains(csv.toString())
                  .contains("target band_gap")
                  .contains("of 30 materials 30 lack the target");
            });

    // fixed in place, as a person would; same worker, and the sweep's request still names the
    // old hash (a retry does not prepare again)
    Fixtures.writeRockSaltBandGaps(csv, true);
    Files.setLastModifiedTime(csv, FileTime.from(Instant.now().plusSeconds(5)));
    String after = DatasetReader.read(csv, ReadOptions.defaults()).contentSha256();
    assertThat(after).isNotEqualTo(before);

    TrainingReceipt receipt = activity.train(request);
    assertThat(receipt.memoized()).isFalse();
    assertThat(receipt.epochs()).isEqualTo(1);
    String usedHash = ContentHash.of(request.withDatasetSha256(after), CgcnnCellTrainer.ID);
    assertThat(receipt.contentHash()).isEqualTo(usedHash);
    StoredTraining stored =
        new ArtifactStore(dir.resolve("artifacts")).find(usedHash).orElseThrow();
    assertThat(stored.request().datasetSha256()).isEqualTo(after);
    assertThat(dir.resolve("artifacts").resolve(receipt.outcome().artifactPath()))
        .isEqualTo(new ArtifactStore(dir.resolve("artifacts")).resultFile(usedHash));

    // asked again (another retry), the training is found under the data it used
    assertThat(activity.train(request).memoized()).isTrue();
  }

  @Test
  void aSweepThatSkipsBadRowsTrainsOnTheRowsLeft() throws Exception {
    Path csv = dir.resolve("data.csv");
    Fixtures.writeRockSaltBandGaps(csv, true);
    // one more row whose CIF lacks a cell length
    Files.writeString(
        csv,
        Files.readString(csv)
            + "mp-999,2.0,\""
            + Fixtures.rockSalt(5.5).replace("_cell_length_b 5.5000\n", "")
            + "\"\n");
    String sha = DatasetReader.read(csv, ReadOptions.defaults().withSkipBad(true)).contentSha256();
    TrainingRequest strict = request(csv, sha);
    TrainingRequest skipping = strict.toBuilder().skipBadRows(true).build();

    assertThatThrownBy(() -> activity.train(strict))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getOriginalMessage()).contains("row 31").contains("_cell_length_b");
            });
    TrainingReceipt receipt = activity.train(skipping);
    StoredTraining stored =
        new ArtifactStore(dir.resolve("artifacts")).find(receipt.contentHash()).orElseThrow();
    RunData data = stored.provenance().orElseThrow().data();
    assertThat(List.of(data.trainMaterials(), data.validationMaterials(), data.testMaterials()))
        .containsExactly(18, 6, 6);
    // the stored training's file keeps the provenance keys that bench scripts read
    JsonNode onDisk =
        ArtifactStore.json()
            .readTree(
                new ArtifactStore(dir.resolve("artifacts"))
                    .resultFile(receipt.contentHash())
                    .toFile())
            .path("provenance");
    List<String> keys = new ArrayList<>();
    onDisk.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "backend",
            "device",
            "threads",
            "concurrency",
            "allocator",
            "djlVersion",
            "libtorchVersion",
            "graphSettings",
            "bestValMetric",
            "referenceTestMetric",
            "trainValidationTestMaterials",
            "droppedMissingTargetExtra",
            "droppedIncomplete",
            "trainCrystalsPerSecond",
            "trainAtomsPerSecond",
            "resumedFromEpoch",
            "stoppedEarly",
            "epochsRun");
    assertThat(onDisk.path("trainValidationTestMaterials").asText()).isEqualTo("18/6/6");
    assertThat(onDisk.path("droppedMissingTargetExtra").asText()).isEqualTo("0/0");
    assertThat(onDisk.path("droppedIncomplete").asText()).isEqualTo("0");
    assertThat(List.of(data.droppedMissingTarget(), data.droppedMissingExtra()))
        .containsExactly(0, 0);
    assertThat(data.droppedIncomplete()).isZero();
  }

  @Test
  void aSpecTheTrainerRefusesFailsAtOnceNamingTheField() throws Exception {
    Path csv = dir.resolve("data.csv");
    Fixtures.writeRockSaltBandGaps(csv, true);
    TrainingRequest valid =
        request(csv, DatasetReader.read(csv, ReadOptions.defaults()).contentSha256());
    TrainingRequest negativeRate =
        valid.toBuilder()
            .hyper(HyperParameters.builder().epochs(1).batchSize(8).learningRate(-0.01).build())
            .build();

    assertThatThrownBy(() -> activity.train(negativeRate))
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(TrainingActivities.BAD_INPUT);
              assertThat(f.getOriginalMessage()).contains("learning rate > 0");
            });
    assertThat(dir.resolve("artifacts").resolve("graphs")).doesNotExist(); // no work was done
  }

  @Test
  void aRequestWithAnotherGainTrainsAnewUnderItsOwnHashAndRecordsTheGain() throws Exception {
    Path csv = dir.resolve("data.csv");
    Fixtures.writeRockSaltBandGaps(csv, true);
    String sha = DatasetReader.read(csv, ReadOptions.defaults()).contentSha256();
    TrainingRequest auto =
        request(csv, sha).toBuilder()
            .cell(new CellKey("band_gap", "volume", Representation.STRUCTURE, 1))
            .build();
    TrainingRequest gain2 =
        auto.toBuilder()
            .hyper(
                HyperParameters.builder()
                    .epochs(1)
                    .batchSize(8)
                    .init(InitMode.INDEPENDENT)
                    .extraGain(ExtraGain.of(2))
                    .build())
            .build();

    TrainingReceipt first = activity.train(auto);
    TrainingReceipt other = activity.train(gain2);
    assertThat(other.memoized()).isFalse(); // not the stored result of the default gain
    assertThat(other.contentHash())
        .isEqualTo(ContentHash.of(gain2, CgcnnCellTrainer.ID))
        .isNotEqualTo(first.contentHash());
    StoredTraining stored =
        new ArtifactStore(dir.resolve("artifacts")).find(other.contentHash()).orElseThrow();
    assertThat(stored.request().hyper().extraGain()).isEqualTo(ExtraGain.of(2));
    assertThat(stored.request().hyper().init()).isEqualTo(InitMode.INDEPENDENT);
    assertThat(other.outcome().testMetric()).isNotEqualTo(first.outcome().testMetric());
    assertThat(activity.train(gain2).memoized()).isTrue();
  }

  @Test
  void aFineTuningStartsFromItsBaselinesBestWeightsAndRetrainsThemWhenLost() throws Exception {
    Path csv = dir.resolve("data.csv");
    Fixtures.writeRockSaltBandGaps(csv, true);
    String sha = DatasetReader.read(csv, ReadOptions.defaults()).contentSha256();
    HyperParameters hyper =
        HyperParameters.builder().epochs(2).batchSize(8).milestone(1).finetuneEpochs(1).build();
    TrainingRequest control =
        request(csv, sha).toBuilder().hyper(hyper).protocol(Protocol.FINETUNE).build();
    TrainingRequest cell =
        control.toBuilder()
            .cell(new CellKey("band_gap", "volume", Representation.STRUCTURE, 1))
            .build();
    ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"));

    TrainingReceipt pretrain = activity.train(control.pretrain());
    assertThat(pretrain.epochs()).isEqualTo(2);
    TrainingReceipt c = activity.train(control);
    TrainingReceipt a = activity.train(cell);
    assertThat(c.epochs()).isEqualTo(1);
    assertThat(a.epochs()).isEqualTo(1);
    String start = startOf(store, c);
    assertThat(start).hasSize(64).isEqualTo(startOf(store, a));
    assertThat(store.find(c.contentHash()).orElseThrow().provenance().orElseThrow().start())
        .map(StartWeights::epochs)
        .contains(2);

    // the baseline's checkpoints lost: the next fine-tuning trains that baseline again first,
    // to the same weights (one thread: bit for bit), and the stored baseline stays as it was
    Path checkpoints = store.checkpointDir(pretrain.contentHash());
    try (var files = Files.walk(checkpoints)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    TrainingRequest other =
        control.toBuilder()
            .cell(new CellKey("band_gap", "density", Representation.STRUCTURE, 1))
            .build();
    TrainingReceipt retrained = activity.train(other);
    assertThat(retrained.memoized()).isFalse();
    assertThat(startOf(store, retrained)).isEqualTo(start);
    assertThat(Files.isDirectory(checkpoints)).isTrue();
    assertThat(activity.train(control.pretrain()).memoized()).isTrue();
  }

  private static String startOf(ArtifactStore store, TrainingReceipt r) {
    return store
        .find(r.contentHash())
        .orElseThrow()
        .provenance()
        .flatMap(RunProvenance::start)
        .map(StartWeights::sha256)
        .orElse(null);
  }

  private TrainingRequest request(Path csv, String sha256) {
    return TrainingRequest.builder()
        .dataset(csv.toString(), sha256)
        .cell(new CellKey("band_gap", null, Representation.STRUCTURE, 1))
        .hyper(HyperParameters.builder().epochs(1).batchSize(8).build())
        .artifactDir(dir.resolve("artifacts").toString())
        .build();
  }
}
