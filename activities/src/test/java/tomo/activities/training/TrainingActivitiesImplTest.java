package tomo.activities.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.EpochPoint;
import tomo.activities.store.StoredTraining;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.Representation;
import tomo.workflows.model.Rows;
import tomo.workflows.model.TrainerKind;
import tomo.workflows.model.TrainingReceipt;
import tomo.workflows.model.TrainingRequest;

class TrainingActivitiesImplTest {
  @TempDir Path dir;
  private TestActivityEnvironment env;
  private SyntheticTrainer trainer;
  private TrainingActivities activity;
  private TrainingActivitiesImpl impl;
  private final List<Object> heartbeats = new ArrayList<>();

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    trainer = new SyntheticTrainer(Duration.ofMillis(150));
    impl = new TrainingActivitiesImpl(trainer);
    env.registerActivitiesImplementations(impl);
    env.setActivityHeartbeatListener(EpochHeartbeat.class, heartbeats::add);
    // a short heartbeat timeout: the SDK throttles heartbeats to a fraction of it
    activity =
        env.newActivityStub(
            TrainingActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setHeartbeatTimeout(Duration.ofMillis(100))
                .build());
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private TrainingRequest request(String property, Path artifacts) {
    return TrainingRequest.builder()
        .dataset("data.csv", "sha")
        .cell(new CellKey("band_gap", property, Representation.STRUCTURE, 3))
        .hyper(HyperParameters.builder().epochs(6).batchSize(64).build())
        .artifactDir(artifacts.toString())
        .trainer(TrainerKind.SYNTHETIC)
        .build();
  }

  @Test
  void trainsOnceThenReturnsTheStoredResult() {
    TrainingReceipt first = activity.train(request("volume", dir));
    assertThat(first.memoized()).isFalse();
    assertThat(first.epochs()).isEqualTo(6);
    // epochs were reported as they finished, in order (the keep-alive repeats the latest between
    // epochs; the SDK throttles heartbeats and keeps only the newest of a burst, so on a loaded
    // machine one epoch may be superseded by the next, and it may drop the last one, which the
    // completion supersedes)
    List<Integer> epochs = heartbeats.stream().map(h -> ((EpochHeartbeat) h).epoch()).toList();
    assertThat(epochs).isSorted();
    assertThat(epochs.stream().distinct().filter(e -> e >= 1)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(epochs.get(epochs.size() - 1)).isBetween(5, 6);
    int beats = heartbeats.size();
    Path stored = dir.resolve(first.outcome().artifactPath());
    assertThat(stored).exists();
    assertThat(first.outcome().bestEpoch()).isBetween(1, 6);

    TrainingReceipt second = activity.train(request("volume", dir));
    assertThat(second.memoized()).isTrue();
    assertThat(second.epochs()).isZero();
    assertThat(second.outcome()).isEqualTo(first.outcome());
    assertThat(heartbeats).hasSize(beats);
  }

  @Test
  void theHashIgnoresWhereFilesLieButNotWhatIsTrained() {
    TrainingRequest a = request("volume", dir);
    TrainingRequest moved =
        a.toBuilder().dataset("elsewhere.csv", "sha").artifactDir("/other/store").build();
    assertThat(ContentHash.of(moved, "t")).isEqualTo(ContentHash.of(a, "t"));
    // skipping bad rows changes no result (a file without bad rows reads the same), so results
    // stored before the option existed are found again
    TrainingRequest skipping = a.toBuilder().skipBadRows(true).build();
    assertThat(ContentHash.of(skipping, "t")).isEqualTo(ContentHash.of(a, "t"));
    assertThat(ContentHash.of(request("density", dir), "t")).isNotEqualTo(ContentHash.of(a, "t"));
    assertThat(ContentHash.of(a, "other-trainer")).isNotEqualTo(ContentHash.of(a, "t"));
  }

  @Test
  void aSampleIsPartOfTheHashAndAllRowsKeepTheHashOfResultsStoredBeforeSamples() throws Exception {
    TrainingRequest all = request("volume", dir);
    TrainingRequest sampled = withSample(all, 500, 1);
    assertThat(ContentHash.of(sampled, "t")).isNotEqualTo(ContentHash.of(all, "t"));
    assertThat(ContentHash.of(withSample(all, 500, 2), "t"))
        .isNotEqualTo(ContentHash.of(sampled, "t"));
    assertThat(ContentHash.of(withSample(all, 400, 1), "t"))
        .isNotEqualTo(ContentHash.of(sampled, "t"));
    // the canonical JSON of a request as stored before samples and the spec's trainer existed
    String before =
        "{\"datasetSha256\":\"sha\",\"hyper\":{\"batchSize\":64,\"epochs\":6,\"learningRate\":0.01,"
            + "\"milestone\":100,\"momentum\":0.9,\"optimizer\":\"sgd\"},\"limit\":0,"
            + "\"maskedProperty\":null,\"property\":\"volume\",\"representation\":\"structure\","
            + "\"seed\":3,\"target\":\"band_gap\",\"trainer\":\"t\"}";
    assertThat(ContentHash.of(all, "t"))
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(before.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
  }

  @Test
  void theInitAndTheGainEnterTheHashOnlyAwayFromTheirDefaults() {
    TrainingRequest tight = request("volume", dir);
    // ContentHash.of(tight, "t") as computed before init and extraGain were fields (at dc214bd)
    assertThat(ContentHash.of(tight, "t"))
        .isEqualTo("f038675805456b1de24c919f04d8e07e7076093c84ac8c91398423b501bb3bfe");
    HyperParameters h = tight.hyper();
    TrainingRequest gain2 = withHyper(tight, h, InitMode.TIGHT, ExtraGain.of(2));
    TrainingRequest gain8 = withHyper(tight, h, InitMode.TIGHT, ExtraGain.of(8));
    TrainingRequest independent = withHyper(tight, h, InitMode.INDEPENDENT, ExtraGain.AUTO);
    List<String> hashes =
        List.of(tight, gain2, gain8, independent).stream()
            .map(r -> ContentHash.of(r, "t"))
            .toList();
    // every setting its own results, "auto" too: on a categorical property it is not a factor 8
    assertThat(hashes).doesNotHaveDuplicates();
    assertThat(withHyper(tight, h, InitMode.TIGHT, ExtraGain.AUTO)).isEqualTo(tight);
  }

  @Test
  void aRequestWithEveryHyperParameterChosenKeepsItsJsonAndHash() throws Exception {
    TrainingRequest every =
        TrainingRequest.builder()
            .dataset("data.csv", "sha")
            .cell(new CellKey("band_gap", "volume", Representation.COMPOSITION, 3))
            .hyper(
                HyperParameters.builder()
                    .epochs(6)
                    .batchSize(64)
                    .optimizer(Optimizer.ADAM)
                    .learningRate(0.003)
                    .momentum(0.8)
                    .milestone(7)
                    .patience(3)
                    .init(InitMode.INDEPENDENT)
                    .extraGain(ExtraGain.of(1.5))
                    .scaling(Scaling.DATASET)
                    .finetuneEpochs(2)
                    .build())
            .artifactDir("a")
            .trainer(TrainerKind.SYNTHETIC)
            .build();
    // both computed at 55055e4, when the hyper-parameters were types of tomo.workflows.model
    assertThat(ContentHash.of(every, "t"))
        .isEqualTo("5c0e470f0269bad3aadd29118cd91cd7182a497cc8a9840207228736b95b4f12");
    ObjectMapper json = ArtifactStore.json();
    assertThat(json.valueToTree(every).get("hyper"))
        .isEqualTo(
            json.readTree(
                "{\"epochs\":6,\"batchSize\":64,\"optimizer\":\"adam\",\"learningRate\":0.003,"
                    + "\"momentum\":0.8,\"milestone\":7,\"patience\":3,\"init\":\"independent\","
                    + "\"extraGain\":1.5,\"scaling\":\"dataset\",\"finetuneEpochs\":2}"));
    assertThat(json.readValue(json.writeValueAsString(every), TrainingRequest.class))
        .isEqualTo(every);
  }

  private static TrainingRequest withHyper(
      TrainingRequest r, HyperParameters h, InitMode init, ExtraGain gain) {
    return r.toBuilder()
        .hyper(
            HyperParameters.builder()
                .epochs(h.epochs())
                .batchSize(h.batchSize())
                .init(init)
                .extraGain(gain)
                .build())
        .build();
  }

  @Test
  void aRequestStoredBeforeSamplesAndTrainersInTheSpecReadsWithTheDefaults() throws Exception {
    TrainingRequest old =
        ArtifactStore.json()
            .readValue(
                "{\"datasetPath\":\"d.csv\",\"datasetSha256\":\"sha\",\"target\":\"band_gap\","
                    + "\"property\":\"volume\",\"maskedProperty\":null,"
                    + "\"representation\":\"structure\",\"seed\":3,\"hyper\":{\"epochs\":6,"
                    + "\"batchSize\":64,\"optimizer\":\"sgd\",\"learningRate\":0.01,"
                    + "\"momentum\":0.0,\"milestone\":100},\"limit\":0,\"artifactDir\":\"a\"}",
                TrainingRequest.class);
    assertThat(old.trainer()).isEqualTo(TrainerKind.CGCNN);
    assertThat(old.selection().rows()).isEqualTo(Rows.ALL);
    // what was stored is kept, even a momentum the paper would not use
    assertThat(old.hyper().momentum()).isZero();
  }

  private static TrainingRequest withSample(TrainingRequest r, int rows, long seed) {
    return r.toBuilder().rows(Rows.of(0, rows, seed)).skipBadRows(false).build();
  }

  @Test
  void aRequestForAnotherTrainerIsRefusedNonRetryablyNamingBoth() {
    TrainingRequest synthetic = request("volume", dir);
    TrainingRequest cgcnn = synthetic.toBuilder().trainer(TrainerKind.CGCNN).build();
    assertThat(cgcnn.trainer()).isEqualTo(TrainerKind.CGCNN);
    assertThatThrownBy(() -> activity.train(cgcnn))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(TrainingActivities.WRONG_TRAINER);
              assertThat(f.getOriginalMessage())
                  .contains("band_gap/volume/structure/3")
                  .contains("'cgcnn'")
                  .contains("synthetic-v1")
                  .contains("--trainer cgcnn");
            });
    // nothing was trained or stored for it
    assertThat(new ArtifactStore(dir).find(ContentHash.of(cgcnn, trainer.id()))).isEmpty();
    assertThat(activity.train(synthetic).memoized()).isFalse();
  }

  @Test
  void theProtocolTheRowsAndTheScalingChangeTheHashOnlyWhereTheyDifferFromBefore() {
    TrainingRequest a = request("volume", dir);
    String before = ContentHash.of(a, "t");
    assertThat(a.protocol()).isEqualTo(Protocol.TOMO);
    assertThat(a.completeOver()).isEmpty();
    assertThat(a.hyper().scaling()).isEqualTo(Scaling.TRAIN);
    TrainingRequest paper = a.toBuilder().protocol(Protocol.PAPER).build();
    TrainingRequest complete = a.toBuilder().completeOver(List.of("volume", "band_gap")).build();
    TrainingRequest scaled =
        a.toBuilder().hyper(a.hyper().toBuilder().scaling(Scaling.DATASET).build()).build();
    assertThat(List.of(paper, complete, scaled))
        .extracting(r -> ContentHash.of(r, "t"))
        .doesNotContain(before)
        .doesNotHaveDuplicates();
    // the names are kept sorted: the same grid gives the same hash whatever its order
    assertThat(
            ContentHash.of(a.toBuilder().completeOver(List.of("band_gap", "volume")).build(), "t"))
        .isEqualTo(ContentHash.of(complete, "t"));
  }

  @Test
  void aPatienceChangesTheHashOnlyWhenSet() throws Exception {
    TrainingRequest a = request("volume", dir);
    // without a patience the request serializes as before the field existed: same hashes
    assertThat(new ObjectMapper().writeValueAsString(a.hyper())).doesNotContain("patience");
    HyperParameters h = a.hyper();
    TrainingRequest patient = a.toBuilder().hyper(h.toBuilder().patience(10).build()).build();
    assertThat(ContentHash.of(patient, "t")).isNotEqualTo(ContentHash.of(a, "t"));
  }

  @Test
  void badInputIsNonRetryableAndNamesTheField() {
    trainer.markBad("volume");
    assertThatThrownBy(() -> activity.train(request("volume", dir)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(TrainingActivities.BAD_INPUT);
              assertThat(f.getOriginalMessage())
                  .contains("band_gap/volume/structure/3")
                  .contains("field 'volume'");
            });
  }

  @Test
  void anInterruptedTrainingResumesFromItsCheckpointAndEndsAsAnUninterruptedOne() throws Exception {
    TrainingRequest req = request("volume", dir);
    Path checkpoints = new ArtifactStore(dir).checkpointDir(ContentHash.of(req, trainer.id()));
    // the worker dies after epoch 4: the listener throws as a killed process would stop
    assertThatThrownBy(
            () ->
                trainer.train(
                    req,
                    checkpoints,
                    (epoch, val, best, s) -> {
                      if (epoch == 4) {
                        throw new IllegalStateException("worker died");
                      }
                    }))
        .hasMessage("worker died");
    assertThat(checkpoints.resolve(SyntheticTrainer.CHECKPOINT)).exists();

    TrainingReceipt resumed = activity.train(req);
    assertThat(resumed.epochs()).isEqualTo(2); // epochs 5 and 6 only

    Path fresh = Files.createDirectory(dir.resolve("fresh"));
    TrainingReceipt uninterrupted = activity.train(request("volume", fresh));
    assertThat(uninterrupted.epochs()).isEqualTo(6);
    assertThat(resumed.outcome().testMetric()).isEqualTo(uninterrupted.outcome().testMetric());
    assertThat(resumed.outcome().bestEpoch()).isEqualTo(uninterrupted.outcome().bestEpoch());
    // the stored learning curve is whole after the resume: epochs 1-4 came from the checkpoint
    List<EpochPoint> resumedCurve = stored(dir, resumed).history();
    assertThat(resumedCurve).extracting(EpochPoint::epoch).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(resumedCurve).isEqualTo(stored(fresh, uninterrupted).history());
    assertThat(resumedCurve)
        .allSatisfy(
            p -> {
              assertThat(p.trainLoss()).isPositive().isFinite();
              assertThat(p.valMetric()).isPositive().isFinite();
            });
  }

  private static StoredTraining stored(Path store, TrainingReceipt receipt) {
    return new ArtifactStore(store).find(receipt.contentHash()).orElseThrow();
  }

  @Test
  void aResumedAttemptReportsItsNewestCheckpointNotThePreviousAttemptsLastHeartbeat()
      throws Exception {
    TrainingRequest req = request("volume", dir);
    Path checkpoints = new ArtifactStore(dir).checkpointDir(ContentHash.of(req, trainer.id()));
    // the previous attempt checkpointed epoch 3 and died; the SDK throttles heartbeats, so the
    // last one the server got said epoch 1
    assertThatThrownBy(
            () ->
                trainer.train(
                    req,
                    checkpoints,
                    (epoch, val, best, s) -> {
                      if (epoch == 3) {
                        throw new IllegalStateException("worker died");
                      }
                    }))
        .hasMessage("worker died");
    env.setHeartbeatDetails(new EpochHeartbeat(1, 0.5));

    TrainingReceipt resumed = activity.train(req);

    assertThat(resumed.epochs()).isEqualTo(3); // epochs 4 to 6
    assertThat(((EpochHeartbeat) heartbeats.get(0)).epoch()).isEqualTo(3);
    assertThat(heartbeats.stream().map(h -> ((EpochHeartbeat) h).epoch()).toList())
        .isSorted()
        .doesNotContain(0, 1, 2);
  }

  @Test
  void aShuttingDownWorkerStopsItsTrainingAfterTheEpochsCheckpointForAnotherToResume()
      throws Exception {
    TrainingRequest req = request("volume", dir);
    Path checkpoint =
        new ArtifactStore(dir)
            .checkpointDir(ContentHash.of(req, trainer.id()))
            .resolve(SyntheticTrainer.CHECKPOINT);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<TrainingReceipt> stopping = caller.submit(() -> activity.train(req));
      await().atMost(Duration.ofSeconds(30)).until(() -> impl.running().size() == 1);
      impl.stopAfterCurrentEpochs();

      assertThat(impl.awaitStopped(Duration.ofSeconds(30))).isTrue();
      int epoch = impl.stopped().get(req.cell().label());
      assertThat(epoch).isBetween(1, 5);
      assertThat(ArtifactStore.json().readTree(checkpoint.toFile()).get("epoch").asInt())
          .isEqualTo(epoch);
      // it reports nothing: the server retries it elsewhere when its heartbeats stop
      assertThat(stopping).isNotDone();

      // another worker (a fresh activity implementation) resumes after that epoch
      TestActivityEnvironment otherEnv = TestActivityEnvironment.newInstance();
      try {
        otherEnv.registerActivitiesImplementations(new TrainingActivitiesImpl(trainer));
        TrainingReceipt done =
            otherEnv
                .newActivityStub(
                    TrainingActivities.class,
                    ActivityOptions.newBuilder()
                        .setStartToCloseTimeout(Duration.ofMinutes(1))
                        .setHeartbeatTimeout(Duration.ofSeconds(10))
                        .build())
                .train(req);
        assertThat(done.epochs()).isEqualTo(6 - epoch);
      } finally {
        otherEnv.close();
      }
    } finally {
      caller.shutdownNow();
    }
  }
}
