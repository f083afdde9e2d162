package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;

/** Short trainings on the first 1,500 materials of the shared dataset. */
class RealDataTrainingTest {
  private static TrainingData data;

  @BeforeAll
  static void load() {
    Dataset dataset =
        DatasetReader.read(DatasetLocation.resolve(null), ReadOptions.defaults().withLimit(1500));
    data =
        TrainingDataLoader.load(
            dataset,
            GraphSettings.structure(),
            Path.of("target", "graph-cache"),
            List.of("formation_energy_per_atom", "spacegroup.crystal_system", "band_gap"));
  }

  @Test
  void formationEnergyBeatsTheMeanPredictor(@TempDir Path tmp) {
    TrainingConfig config =
        TrainingConfig.paper("formation_energy_per_atom", null, GraphMode.STRUCTURE, 1, 6)
            .toBuilder()
            .batchSize(32)
            .threads(1)
            .build();
    TrainingResult r = new Trainer().train(config, data, tmp, p -> {});
    assertThat(r.metrics().metric()).isEqualTo("mae");
    assertThat(r.split().trainMaterials()).isEqualTo(900);
    // the mean predictor's MAE is ~0.8 eV/atom here; a few epochs of CGCNN get well below half
    assertThat(r.metrics().testMetric()).isLessThan(0.5 * r.metrics().referenceTestMetric());
    assertThat(r.data().datasetSha256()).isEqualTo(data.datasetSha256()).hasSize(64);
    assertThat(r.data().graphSettingsKey()).contains("mode=structure");
  }

  @Test
  void crystalSystemBeatsTheMajorityClass(@TempDir Path tmp) {
    TrainingConfig config =
        TrainingConfig.paper("spacegroup.crystal_system", "band_gap", GraphMode.STRUCTURE, 2, 6)
            .toBuilder()
            .batchSize(32)
            .threads(1)
            .build();
    TrainingResult r = new Trainer().train(config, data, tmp, p -> {});
    assertThat(r.metrics().metric()).isEqualTo("error_rate");
    assertThat(r.metrics().testMetric()).isLessThan(r.metrics().referenceTestMetric() - 0.05);
  }
}
