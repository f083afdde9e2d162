package tomo.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.workflows.sweep.TrainingPlan;

/** One rows type from the spec to the request, written as the flat fields it replaced. */
class RowSelectionTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theFlatFieldsNameExactlyOneKindOfRows() {
    assertThat(Rows.of(0, 0, 0)).isEqualTo(Rows.ALL);
    assertThat(Rows.of(500, 0, 0)).isEqualTo(new Rows.First(500));
    assertThat(Rows.of(0, 500, 7)).isEqualTo(new Rows.Sample(500, 7));
    assertThatThrownBy(() -> Rows.of(5, 5, 0)).hasMessageContaining("not both");
    assertThatThrownBy(() -> Rows.of(-1, 0, 0)).hasMessageContaining(">= 0");
    assertThatThrownBy(() -> new Rows.First(0)).hasMessageContaining("N >= 1");
    assertThat(new Rows.First(500).describe()).isEqualTo("first 500 rows");
    assertThat(new Rows.Sample(1000, 2020).describe())
        .isEqualTo("random sample of 1000 (seed 2020)");
    assertThat(Rows.ALL.describe()).isEqualTo("all rows");
  }

  @Test
  void aSampledRequestStoredBeforeTheTypeReadsAsASampleAndWritesTheSameFields() throws Exception {
    String stored =
        "{\"datasetPath\":\"d.csv\",\"datasetSha256\":\"sha\",\"target\":\"band_gap\","
            + "\"property\":\"volume\",\"maskedProperty\":null,\"representation\":\"structure\","
            + "\"seed\":3,\"hyper\":{\"epochs\":6,\"batchSize\":64,\"optimizer\":\"sgd\","
            + "\"learningRate\":0.01,\"momentum\":0.9,\"milestone\":100,\"init\":\"tight\","
            + "\"extraGain\":\"auto\",\"scaling\":\"train\"},\"limit\":0,\"artifactDir\":\"a\","
            + "\"sample\":800,\"sampleSeed\":2020,\"trainer\":\"cgcnn\",\"skipBadRows\":true,"
            + "\"protocol\":\"tomo\",\"completeOver\":[]}";
    TrainingRequest request = json.readValue(stored, TrainingRequest.class);
    assertThat(request.selection()).isEqualTo(new RowSelection(new Rows.Sample(800, 2020), true));
    ObjectNode written = (ObjectNode) json.readTree(json.writeValueAsString(request));
    assertThat(written).isEqualTo(json.readTree(stored));
    // a request stored before samples and bad-row skipping existed: every row, strict
    TrainingRequest old =
        json.readValue(
            "{\"target\":\"band_gap\",\"representation\":\"structure\",\"seed\":1,\"limit\":300}",
            TrainingRequest.class);
    assertThat(old.selection()).isEqualTo(new RowSelection(new Rows.First(300), false));
  }

  @Test
  void theSpecsRowsReachEveryTrainingAsTheSameType() {
    String grid = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    PreparedDataset data = new PreparedDataset("d.csv", "sha", 10, List.of());
    SweepSpec sampled = SweepSpecParser.parse(grid + "sample: 700\nsampleSeed: 4\n", "s.yaml");
    SweepSpec first = SweepSpecParser.parse(grid + "limit: 90\nskipBadRows: true\n", "s.yaml");
    SweepSpec all = SweepSpecParser.parse(grid, "s.yaml");
    assertThat(TrainingPlan.all(sampled, data))
        .extracting(TrainingRequest::selection)
        .containsOnly(new RowSelection(new Rows.Sample(700, 4), false));
    assertThat(TrainingPlan.all(first, data))
        .extracting(TrainingRequest::selection)
        .containsOnly(new RowSelection(new Rows.First(90), true));
    assertThat(TrainingPlan.all(all, data))
        .extracting(TrainingRequest::selection)
        .containsOnly(RowSelection.ALL);
  }
}
