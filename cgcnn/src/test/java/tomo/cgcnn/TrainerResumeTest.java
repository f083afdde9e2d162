package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.Optimizer;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/** Checkpoints, resumption and determinism on synthetic graphs. */
class TrainerResumeTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(240, 6, 6, 6.0, new GaussianExpansion(0, 6, 0.5, 0.5), 11);

  private static TrainingConfig config(String target, String extra, Optimizer optimizer) {
    return TrainingConfig.paper(target, extra, GraphMode.STRUCTURE, 5, 6).toBuilder()
        .shape(new NetworkShape(8, 16, 2))
        .batchSize(32)
        .milestone(4)
        .optimizer(optimizer, optimizer == Optimizer.SGD ? 0.05 : 0.01)
        .threads(1)
        .build();
  }

  private static final class Stop extends RuntimeException {
    Stop() {
      super("stopped by the test");
    }
  }

  @Test
  void resumedRunEqualsUninterruptedRun(@TempDir Path tmp) throws Exception {
    for (Optimizer optimizer : Optimizer.values()) {
      TrainingConfig config = config("energy", "size", optimizer);
      Path whole = tmp.resolve(optimizer + "-whole");
      Path broken = tmp.resolve(optimizer + "-broken");
      TrainingResult uninterrupted = new Trainer().train(config, DATA, whole, p -> {});

      List<Integer> seen = new ArrayList<>();
      assertThatThrownBy(
              () ->
                  new Trainer()
                      .train(
                          config,
                          DATA,
                          broken,
                          p -> {
                            seen.add(p.epoch());
                            if (p.epoch() == 3) {
                              throw new Stop();
                            }
                          }))
          .isInstanceOf(Stop.class);
      assertThat(seen).containsExactly(1, 2, 3);
      assertThat(Files.list(broken).map(p -> p.getFileName().toString()).toList())
          .containsExactly("epoch-00003");

      List<Integer> resumedEpochs = new ArrayList<>();
      TrainingResult resumed =
          new Trainer().train(config, DATA, broken, p -> resumedEpochs.add(p.epoch()));
      assertThat(resumedEpochs).containsExactly(4, 5, 6);
      assertThat(resumed.resumedFromEpoch()).isEqualTo(3);
      assertThat(resumed.metrics().bestEpoch()).isEqualTo(uninterrupted.metrics().bestEpoch());
      assertThat(resumed.metrics().testMetric()).isEqualTo(uninterrupted.metrics().testMetric());
      assertThat(resumed.metrics().bestValMetric())
          .isEqualTo(uninterrupted.metrics().bestValMetric());
      assertThat(resumed.history())
          .extracting(EpochProgress::valMetric)
          .containsExactlyElementsOf(
              uninterrupted.history().stream().map(EpochProgress::valMetric).toList());
      assertThat(resumed.history())
          .extracting(EpochProgress::trainLoss)
          .containsExactlyElementsOf(
              uninterrupted.history().stream().map(EpochProgress::trainLoss).toList());
    }
  }

  @Test
  void learnsTheSyntheticTargetAndRecordsProvenance(@TempDir Path tmp) {
    TrainingResult r =
        new Trainer()
            .train(
                config("energy", null, Optimizer.ADAM).toBuilder().epochs(6).build(),
                DATA,
                tmp,
                p -> {});
    assertThat(r.metrics().metric()).isEqualTo("mae");
    assertThat(r.metrics().testMetric()).isLessThan(0.8 * r.metrics().referenceTestMetric());
    assertThat(r.history()).hasSize(6);
    assertThat(
            r.split().trainMaterials()
                + r.split().validationMaterials()
                + r.split().testMaterials())
        .isEqualTo(240);
    assertThat(r.data().datasetSha256()).isEqualTo("synthetic-11");
    assertThat(r.environment().backend()).isEqualTo("CPU");
    assertThat(r.environment().libtorchVersion()).isEqualTo("2.5.1");
    assertThat(r.environment().djlVersion()).isEqualTo("0.33.0");
    assertThat(r.environment().allocator()).isEqualTo(NativeMemory.allocator());
  }

  @Test
  void dropsAndCountsRowsWithoutExtraValue(@TempDir Path tmp) {
    TrainingResult r =
        new Trainer()
            .train(
                config("kind", "size", Optimizer.ADAM).toBuilder().epochs(1).build(),
                DATA,
                tmp,
                p -> {});
    assertThat(r.metrics().metric()).isEqualTo("error_rate");
    assertThat(r.split().droppedMissingExtra()).isEqualTo(1);
    assertThat(
            r.split().trainMaterials()
                + r.split().validationMaterials()
                + r.split().testMaterials())
        .isEqualTo(239);
  }

  @Test
  void refusesACheckpointOfAnotherTraining(@TempDir Path tmp) {
    new Trainer()
        .train(
            config("energy", null, Optimizer.SGD).toBuilder().epochs(1).build(),
            DATA,
            tmp,
            p -> {});
    assertThatThrownBy(
            () -> new Trainer().train(config("kind", null, Optimizer.SGD), DATA, tmp, p -> {}))
        .hasMessageContaining("belongs to another training");
  }
}
