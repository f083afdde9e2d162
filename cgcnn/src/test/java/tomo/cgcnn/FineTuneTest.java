package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.Scaling;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/**
 * A fine-tuning starts from a finished training's best weights: the control (no extra input) and an
 * augmented cell (its extra weights zero) compute the same function at step 0, continue the
 * started-from training's batch order and schedule, and resume like any training.
 */
class FineTuneTest {
  private static final TrainingData DATA =
      SyntheticCrystals.data(120, 5, 4, 5.0, new GaussianExpansion(0, 5, 0.5, 0.5), 3);

  private static TrainingConfig config(String extra, int epochs) {
    return TrainingConfig.paper("energy", extra, GraphMode.STRUCTURE, 9, epochs).toBuilder()
        .shape(new NetworkShape(6, 10, 2))
        .batchSize(16)
        .milestone(2)
        .threads(1)
        .build();
  }

  @Test
  void aFineTunedCellAtStepZeroPredictsExactlyAsItsControl(@TempDir Path tmp) {
    new Trainer().train(config(null, 3), DATA, tmp.resolve("base"), p -> {});
    WarmStart start = WarmStart.of(tmp.resolve("base"), 3).orElseThrow();
    Trainer trainer = new Trainer(DataType.FLOAT32);
    for (String extra : new String[] {"energy", "kind"}) { // numeric, one-hot (3 columns)
      PreparedData control = new PreparedData(DATA, config(null, 2).task(), Scaling.TRAIN);
      PreparedData cell = new PreparedData(DATA, config(extra, 2).task(), Scaling.TRAIN);
      try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
          CgcnnNetwork c = trainer.network(control, config(null, 2), root);
          CgcnnNetwork a = trainer.network(cell, config(extra, 2), root)) {
        float[] fresh = forward(c, control.batch(control.test, 0, 16), false);
        Trainer.startFrom(start, c);
        Trainer.startFrom(start, a);
        assertThat(a.parameters().get(CgcnnNetwork.EXTRA_WEIGHT).toFloatArray()).containsOnly(0f);
        float[] base = forward(c, control.batch(control.test, 0, 16), false);
        assertThat(base).as("the control starts from the trained weights").isNotEqualTo(fresh);
        for (boolean training : new boolean[] {false, true}) {
          for (int from = 0; from < control.test.length; from += 16) {
            int to = Math.min(control.test.length, from + 16);
            assertThat(forward(a, cell.batch(cell.test, from, to), training))
                .as(extra + " training=" + training)
                .containsExactly(forward(c, control.batch(control.test, from, to), training));
          }
        }
      }
    }
  }

  @Test
  void aFineTuningContinuesItsStartAndResumesAfterACrash(@TempDir Path tmp) throws IOException {
    new Trainer().train(config(null, 3), DATA, tmp.resolve("base"), p -> {});
    WarmStart start = WarmStart.of(tmp.resolve("base"), 3).orElseThrow();
    TrainingResult control =
        new Trainer().train(config(null, 2), DATA, tmp.resolve("control"), start, p -> {});
    TrainingResult cell =
        new Trainer().train(config("energy", 2), DATA, tmp.resolve("cell"), start, p -> {});
    assertThat(control.history()).hasSize(2);
    assertThat(cell.metrics().testMetric()).isNotEqualTo(control.metrics().testMetric());

    // a fine-tuning that lost its second epoch resumes from its first and ends the same
    List<Float> firstLosses = new ArrayList<>();
    Path again = tmp.resolve("again");
    TrainingResult once =
        new Trainer()
            .train(
                config("energy", 1),
                DATA,
                again,
                start,
                p -> firstLosses.add((float) p.trainLoss()));
    assertThat(once.history()).hasSize(1);
    assertThat(firstLosses.get(0)).isEqualTo((float) cell.history().get(0).trainLoss());
    TrainingResult resumed = new Trainer().train(config("energy", 2), DATA, again, start, p -> {});
    assertThat(resumed.resumedFromEpoch()).isEqualTo(1);
    assertThat(resumed.metrics().testMetric()).isEqualTo(cell.metrics().testMetric());

    // and refuses to continue from another start
    WarmStart other = WarmStart.of(tmp.resolve("control"), 5).orElseThrow();
    assertThatThrownBy(() -> new Trainer().train(config("energy", 3), DATA, again, other, p -> {}))
        .hasMessageContaining("belongs to another training");
  }

  @Test
  void theBestWeightsAreThoseOfTheBestValidationEpoch(@TempDir Path tmp) {
    TrainingResult base = new Trainer().train(config(null, 4), DATA, tmp.resolve("base"), p -> {});
    WarmStart start = WarmStart.of(tmp.resolve("base"), 4).orElseThrow();
    // a network set to the best weights scores the best epoch's validation metric
    PreparedData prepared = new PreparedData(DATA, config(null, 4).task(), Scaling.TRAIN);
    Trainer trainer = new Trainer(DataType.FLOAT32);
    try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
        CgcnnNetwork net = trainer.network(prepared, config(null, 4), root)) {
      Trainer.startFrom(start, net);
      List<HostBatch> val = new ArrayList<>();
      for (int from = 0; from < prepared.validation.length; from += 16) {
        val.add(
            prepared.batch(
                prepared.validation, from, Math.min(prepared.validation.length, from + 16)));
      }
      assertThat(trainer.evaluate(prepared, net, val))
          .isCloseTo(base.metrics().bestValMetric(), org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void aCheckpointWithoutBestWeightsIsNoStart(@TempDir Path tmp) throws IOException {
    new Trainer().train(config(null, 1), DATA, tmp.resolve("base"), p -> {});
    try (Stream<Path> files = Files.walk(tmp.resolve("base"))) {
      for (Path p : files.filter(f -> f.getFileName().toString().equals("best.ndlist")).toList()) {
        Files.delete(p);
      }
    }
    assertThat(WarmStart.of(tmp.resolve("base"), 1)).isEmpty();
    assertThat(WarmStart.of(tmp.resolve("nothing"), 1)).isEmpty();
  }

  private static float[] forward(CgcnnNetwork net, HostBatch batch, boolean training) {
    try (NDManager step = net.manager().newSubManager()) {
      int m = DATA.maxNeighbors();
      NDList in = net.upload(batch, step, m);
      return net.forward(in, batch.crystals(), m, training, step).toFloatArray();
    }
  }
}
