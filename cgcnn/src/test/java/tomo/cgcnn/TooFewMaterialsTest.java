package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.GraphMode;

/**
 * A target without values is a fact about the data: it is a {@link TrainingDataException} (which
 * the training activity turns into a non-retryable failure), naming target and counts.
 */
class TooFewMaterialsTest {
  @Test
  void aTargetWithoutValuesIsADataErrorNamingTheTarget() {
    TrainingData some =
        SyntheticCrystals.data(40, 3, 4, 6.0, new GaussianExpansion(0, 6, 0.5, 0.5), 3);
    double[] none = new double[some.size()];
    Arrays.fill(none, Double.NaN);
    Map<String, PropertyColumn> columns = new HashMap<>(some.properties());
    columns.put("efermi", PropertyColumn.numeric("efermi", none));
    TrainingData data =
        new TrainingData(
            some.datasetSha256(),
            some.graphSettingsKey(),
            some.graphs(),
            some.featurizer(),
            some.expansion(),
            columns);
    TrainingConfig config = TrainingConfig.paper("efermi", "energy", GraphMode.STRUCTURE, 1, 1);

    assertThatThrownBy(() -> new PreparedData(data, config.task(), config.hyper().scaling()))
        .isInstanceOf(TrainingDataException.class)
        .hasMessageContaining("target efermi (extra energy)")
        .hasMessageContaining("of 40 materials 40 lack the target")
        .hasMessageContaining("train 0, validation 0, test 0");
  }
}
