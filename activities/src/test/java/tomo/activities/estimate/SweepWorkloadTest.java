package tomo.activities.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.temporal.activity.ActivityOptions;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.dataset.DatasetRows;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.RunData;
import tomo.activities.store.StoredTraining;
import tomo.activities.training.CgcnnCellTrainer;
import tomo.activities.training.TrainingActivitiesImpl;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepSpecParser;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

/** A sweep's workload on real data, before and after one of its trainings is stored. */
class SweepWorkloadTest {
  @TempDir Path dir;

  private SweepSpec spec(String targets, String baseline) {
    return SweepSpecParser.parse(
        "name: w\ndataset: "
            + DatasetLocation.resolve(null)
            + "\ntargets: "
            + targets
            + "\nproperties: [volume, density]\nrepresentations: [structure, composition]\n"
            + "seeds: [0, 1]\nhyper: {epochs: 2, batchSize: 64}\nbaseline: "
            + baseline
            + "\nlimit: 120\nartifactDir: "
            + dir.resolve("artifacts")
            + "\n",
        "w.yaml");
  }

  @Test
  void aStoredTrainingIsDoneAndGivesTheMeasuredSpeed() {
    SweepSpec spec = spec("[band_gap]", "shared");
    Dataset dataset =
        DatasetReader.read(
            Path.of(spec.data().dataset()), DatasetRows.readOptions(spec.data().selection()));
    String trainer = new CgcnnCellTrainer(1).id();

    SweepWorkload before = SweepWorkload.count(spec, dataset, trainer);

    // 2 representations x 2 seeds x (baseline, volume, density and the null control)
    assertThat(before.all().trainings()).isEqualTo(spec.trainingCount()).isEqualTo(16);
    assertThat(before.alreadyDone()).isZero();
    assertThat(before.remaining()).isEqualTo(before.all());
    assertThat(before.measured()).isEmpty();
    assertThat(before.epochs()).isEqualTo(2);
    // the shared baseline and the density cell train on every row (both are always present), so
    // each training's part is the same 60 % of 120 materials; volume and the permuted band gap
    // (present where band_gap is: everywhere) likewise
    assertThat(before.all().crystalEpochs()).isEqualTo(16L * 72 * 2);
    // one chain is a baseline then one augmented training
    TrainingWorkload base = TrainingWorkload.of(dataset.rows(), "band_gap", null, 0);
    assertThat(before.criticalPathAtomEpochs())
        .isGreaterThanOrEqualTo(2 * base.trainAtoms() * 2)
        .isLessThan(before.all().atomEpochs());

    // one real training of the sweep (seed 0's structure baseline), stored as a worker stores it
    PreparedDataset data =
        new PreparedDataset(
            dataset.source().toString(), dataset.contentSha256(), dataset.size(), List.of());
    TrainingRequest first = TrainingPlan.all(spec, data).get(0);
    assertThat(first.isBaseline()).isTrue();
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new TrainingActivitiesImpl(new CgcnnCellTrainer(1)));
      env.newActivityStub(
              TrainingActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(10)).build())
          .train(first);
    } finally {
      env.close();
    }
    StoredTraining stored =
        new ArtifactStore(Path.of(spec.runtime().artifactDir()))
            .find(ContentHash.of(first, trainer))
            .orElseThrow();

    SweepWorkload after = SweepWorkload.count(spec, dataset, trainer);

    assertThat(after.alreadyDone()).isEqualTo(1);
    assertThat(after.remaining().trainings()).isEqualTo(15);
    assertThat(after.remaining().atomEpochs())
        .isEqualTo(before.all().atomEpochs() - base.trainAtoms() * 2);
    RunData split = stored.provenance().orElseThrow().data();
    assertThat(List.of(split.trainMaterials(), split.validationMaterials(), split.testMaterials()))
        .containsExactly(base.trainCrystals(), base.validationCrystals(), base.testCrystals());
    assertThat(after.measured()).hasSize(1);
    MeasuredTraining m = after.measured().get(0);
    assertThat(m.threads()).isEqualTo(1);
    assertThat(m.atomsPerSecond())
        .isCloseTo(base.trainAtoms() * 2 / stored.trainSeconds(), within(1e-6));

    // another trainer's id hashes to other files: nothing of it is done
    assertThat(SweepWorkload.count(spec, dataset, "synthetic-v1").alreadyDone()).isZero();
  }

  @Test
  void perCellBaselinesAndTargetsWithoutValues() {
    SweepSpec spec = spec("[band_gap, energy_per_atom]", "per-cell");
    Dataset dataset =
        DatasetReader.read(
            Path.of(spec.data().dataset()), DatasetRows.readOptions(spec.data().selection()));

    SweepWorkload w = SweepWorkload.count(spec, dataset, "cgcnn-v1");

    // 2 targets x (2 properties and the null control) x 2 representations x 2 seeds cells, each
    // with its own baseline
    assertThat(w.all().trainings() + w.untrainable().trainings())
        .isEqualTo(spec.trainingCount())
        .isEqualTo(48);
    assertThat(w.untrainable().trainings()).isEqualTo(24);
    assertThat(w.untrainable().reasons())
        .containsExactly("energy_per_atom: no material has a value");
    assertThat(w.all().crystalEpochs()).isEqualTo(24L * 72 * 2);
    assertThat(w.all().evaluationAtomEpochs()).isPositive();
  }
}
