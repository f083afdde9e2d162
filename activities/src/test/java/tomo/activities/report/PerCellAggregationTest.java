package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.activities.store.ArtifactStore;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class PerCellAggregationTest {
  /** A per-cell-baselines.json as the report activity has written it, one baseline per property. */
  private static final String BASELINES_JSON =
      """
      [ {
        "property" : "density",
        "baseline" : {
          "outcome" : { "target" : "band_gap", "property" : null, "representation" : "structure",
            "seed" : 1, "metric" : "mae", "testMetric" : 0.5, "bestEpoch" : 3,
            "artifactPath" : "trainings/aa/a.json" },
          "provenance" : { "trainer" : "synthetic-v1", "datasetSha256" : "sha", "epochs" : 3,
            "referenceTestMetric" : null }
        }
      }, {
        "property" : "volume",
        "baseline" : {
          "outcome" : { "target" : "band_gap", "property" : null, "representation" : "structure",
            "seed" : 1, "metric" : "mae", "testMetric" : 0.8, "bestEpoch" : 3,
            "artifactPath" : "trainings/bb/b.json" },
          "provenance" : { "trainer" : "synthetic-v1", "datasetSha256" : "sha", "epochs" : 3,
            "referenceTestMetric" : null }
        }
      } ]
      """;

  private static final TrainingProvenance MADE =
      new TrainingProvenance("synthetic-v1", "sha", 3, null);

  private static List<MaskedBaseline> baselines() throws Exception {
    return ArtifactStore.json()
        .readValue(BASELINES_JSON, new TypeReference<List<MaskedBaseline>>() {});
  }

  private static ReportTraining augmented(String property, double testMetric) {
    return new ReportTraining(
        new TrainingOutcome(
            "band_gap",
            property,
            Representation.STRUCTURE,
            1,
            "mae",
            testMetric,
            3,
            property + ".json"),
        MADE);
  }

  @Test
  void storedBaselinesLoadWithTheirPropertyAndProvenance() throws Exception {
    List<MaskedBaseline> masked = baselines();

    assertThat(masked).extracting(MaskedBaseline::property).containsExactly("density", "volume");
    assertThat(masked.get(1).baseline().outcome().testMetric()).isEqualTo(0.8);
    assertThat(masked.get(1).baseline().outcome().property()).isNull();
    assertThat(masked.get(1).baseline().provenance()).isEqualTo(MADE);
  }

  @Test
  void eachAugmentedTrainingIsComparedWithTheBaselineTrainedForItsProperty() throws Exception {
    SweepReport report =
        PerCellAggregation.aggregate(
            List.of("volume", "density"),
            baselines(),
            List.of(augmented("density", 0.4), augmented("volume", 0.4)));

    assertThat(report.properties()).containsExactly("volume", "density");
    assertThat(report.cells())
        .extracting(CellSummary::property, CellSummary::meanBaselineMetric)
        .containsExactly(tuple("volume", 0.8), tuple("density", 0.5));
    assertThat(report.cells().get(0).meanChangePercent()).isCloseTo(-50, within(1e-9));
    assertThat(report.cells().get(1).meanChangePercent()).isCloseTo(-20, within(1e-9));
    assertThat(report.trainings()).hasSize(4);
  }
}
