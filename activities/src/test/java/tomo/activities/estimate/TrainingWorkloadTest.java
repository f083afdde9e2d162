package tomo.activities.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.cgcnn.Trainer;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.cgcnn.TrainingDataLoader;
import tomo.cgcnn.TrainingResult;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;
import tomo.materials.property.PropertyValue;
import tomo.materials.property.UnknownPropertyException;

/** The estimator counts exactly the materials the real trainer trains, validates and tests on. */
class TrainingWorkloadTest {
  @TempDir Path dir;

  @Test
  void countsWhatTheTrainerSplitsAfterDroppingRowsWithoutValues() {
    Dataset real =
        DatasetReader.read(DatasetLocation.resolve(null), ReadOptions.defaults().withLimit(150));
    // every 4th row loses its band gap and every 7th its volume: those rows must be dropped
    List<MaterialRow> rows = new ArrayList<>();
    for (MaterialRow r : real.rows()) {
      Map<String, PropertyValue> values = new LinkedHashMap<>(r.values());
      if (r.row() % 4 == 0) {
        values.remove("band_gap");
      }
      if (r.row() % 7 == 0) {
        values.remove("volume");
      }
      rows.add(new MaterialRow(r.row(), r.materialId(), r.structure(), values));
    }
    Dataset data = new Dataset(real.source(), real.contentSha256(), rows, List.of());

    TrainingWorkload w = TrainingWorkload.of(rows, "band_gap", "volume", 5);

    TrainingData loaded =
        TrainingDataLoader.load(
            data,
            GraphSettings.of(GraphMode.STRUCTURE),
            dir.resolve("graphs"),
            List.of("band_gap", "volume"));
    TrainingResult trained =
        new Trainer()
            .train(
                TrainingConfig.paper("band_gap", "volume", GraphMode.STRUCTURE, 5, 1).toBuilder()
                    .threads(1)
                    .build(),
                loaded,
                dir.resolve("checkpoints"),
                p -> {});
    assertThat(w.trainCrystals()).isEqualTo(trained.split().trainMaterials());
    assertThat(w.validationCrystals()).isEqualTo(trained.split().validationMaterials());
    assertThat(w.testCrystals()).isEqualTo(trained.split().testMaterials());
    int kept = w.trainCrystals() + w.validationCrystals() + w.testCrystals();
    assertThat(
            kept + trained.split().droppedMissingTarget() + trained.split().droppedMissingExtra())
        .isEqualTo(rows.size());
    assertThat(kept).isLessThan(rows.size() * 3 / 4 + 1);

    long atoms =
        rows.stream()
            .filter(r -> r.value("band_gap").isPresent() && r.value("volume").isPresent())
            .mapToLong(r -> r.structure().nsites())
            .sum();
    assertThat(w.trainAtoms() + w.validationAtoms() + w.testAtoms()).isEqualTo(atoms);
    assertThat(w.trainAtoms()).isGreaterThan(w.trainCrystals()); // most cells hold several sites
    assertThat(w.trainable()).isTrue();
  }

  @Test
  void aTargetWithoutValuesIsNotTrainableAndAnUnknownNameIsNamed() {
    Dataset real =
        DatasetReader.read(DatasetLocation.resolve(null), ReadOptions.defaults().withLimit(40));

    // the shared file has no energy_per_atom column and it cannot be derived
    TrainingWorkload none = TrainingWorkload.of(real.rows(), "energy_per_atom", null, 0);

    assertThat(none.trainable()).isFalse();
    assertThat(none.trainCrystals() + none.validationCrystals() + none.testCrystals()).isZero();
    assertThatThrownBy(() -> TrainingWorkload.of(real.rows(), "band_gap", "bandgap", 0))
        .isInstanceOf(UnknownPropertyException.class)
        .hasMessageContaining("bandgap");
  }
}
