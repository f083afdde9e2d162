package tomo.activities.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.dataset.ReadOptions;
import tomo.workflows.model.Representation;

class CalibrationTrainingTest {
  private static final Dataset DATA =
      DatasetReader.read(DatasetLocation.resolve(null), ReadOptions.defaults().withLimit(400));

  @Test
  void aShortRealTrainingMeasuresAtomsPerSecond() {
    CalibrationTraining.Result r =
        CalibrationTraining.run(
            DATA, "band_gap", Representation.COMPOSITION, HyperParameters.defaults(), 100, 2, 1);

    assertThat(r.atomsPerSecond()).isPositive().isFinite();
    assertThat(r.materials()).isEqualTo(100);
    assertThat(r.epochs()).isEqualTo(2);
    assertThat(r.threads()).isEqualTo(1);
    assertThat(r.device()).startsWith("cpu");
  }

  @Test
  void theSubsetIsASeededSampleInFileOrder() {
    List<MaterialRow> a = CalibrationTraining.subset(DATA.rows(), "band_gap", 50);
    List<MaterialRow> b = CalibrationTraining.subset(DATA.rows(), "band_gap", 50);

    assertThat(a).hasSize(50).isEqualTo(b);
    assertThat(a.stream().mapToInt(MaterialRow::row).toArray()).isSorted();
    // a random sample, not the first rows of a file sorted by id
    assertThat(a.get(a.size() - 1).row()).isGreaterThan(200);
    assertThat(CalibrationTraining.subset(DATA.rows(), "band_gap", 10_000)).hasSize(DATA.size());
    assertThatThrownBy(() -> CalibrationTraining.subset(DATA.rows(), "energy_per_atom", 50))
        .hasMessageContaining("energy_per_atom")
        .hasMessageContaining("0 materials");
  }
}
