package tomo.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spec in parts is written and read flat, as sweeps started before it had parts carry it. */
class SweepSpecJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  /** The 26 flat fields of a normalized spec as the record without parts wrote them. */
  private static final String FLAT =
      "{\"name\":\"s\",\"dataset\":\"d.csv\",\"targets\":[\"band_gap\"],"
          + "\"properties\":[\"density\",\"volume\"],\"representations\":[\"composition\"],"
          + "\"seeds\":[1,2],\"hyper\":{\"epochs\":6,\"batchSize\":64,\"optimizer\":\"sgd\","
          + "\"learningRate\":0.01,\"momentum\":0.9,\"milestone\":3,\"init\":\"tight\","
          + "\"extraGain\":\"auto\",\"scaling\":\"train\"},\"baseline\":\"shared\",\"limit\":0,"
          + "\"artifactDir\":\"a\",\"orchestrationQueue\":\"o\",\"trainingQueue\":\"t\","
          + "\"retryWindowMinutes\":5,\"heartbeatSeconds\":30,"
          + "\"hooks\":{\"onStartDag\":null,\"onCompleteDag\":\"publish\"},\"sample\":800,"
          + "\"sampleSeed\":2020,\"trainer\":\"cgcnn\",\"skipMissing\":true,\"unavailable\":[],"
          + "\"skipBadRows\":true,\"protocol\":\"tomo\",\"incompleteRows\":\"drop\","
          + "\"rule\":\"paired\",\"nullControl\":\"band_gap\",\"moreSeeds\":{\"upTo\":4,"
          + "\"effect\":5.0}}";

  @Test
  void aFlatSpecReadsIntoItsPartsAndWritesBackTheSameFields() throws Exception {
    SweepSpec spec = json.readValue(FLAT, SweepSpec.class);
    assertThat(spec.grid().properties()).containsExactly("density", "volume");
    assertThat(spec.grid().moreSeeds()).isEqualTo(new MoreSeeds(4, 5.0));
    assertThat(spec.data().selection())
        .isEqualTo(new RowSelection(new Rows.Sample(800, 2020), true));
    assertThat(spec.data().skipMissing()).isTrue();
    assertThat(spec.training().hyper().milestone()).isEqualTo(3);
    assertThat(spec.training().rule()).isEqualTo(SignificanceRule.PAIRED);
    assertThat(spec.runtime().retryWindowMinutes()).isEqualTo(5);
    assertThat(spec.runtime().hooks().onCompleteDag()).isEqualTo("publish");
    assertThat(json.readTree(json.writeValueAsString(spec))).isEqualTo(json.readTree(FLAT));
  }

  @Test
  void aSpecStoredBeforeLaterFieldsReadsWithWhatTheyMeantThen() throws Exception {
    SweepSpec old =
        json.readValue(
            "{\"name\":\"s\",\"targets\":[\"a\"],\"properties\":[\"b\"],"
                + "\"representations\":[\"structure\"],\"seeds\":[1],\"limit\":50}",
            SweepSpec.class);
    assertThat(old.data().selection()).isEqualTo(new RowSelection(new Rows.First(50), false));
    assertThat(old.data().unavailable()).isEmpty();
    assertThat(old.data().incompleteRows()).isEqualTo(IncompleteRows.DROP);
    assertThat(old.training().trainer()).isEqualTo(TrainerKind.CGCNN);
    assertThat(old.training().protocol()).isEqualTo(Protocol.TOMO);
    assertThat(old.runtime().hooks().any()).isFalse();
    assertThat(old.runtime().heartbeatSeconds()).isEqualTo(SweepRuntime.DEFAULT_HEARTBEAT_SECONDS);
    // a sweep started before the null control existed has none
    assertThat(old.grid().controlProperty()).isEmpty();
    assertThat(old.grid().cellProperties()).isEqualTo(List.of("b"));
  }

  @Test
  void aWrittenSpecParsesAsASpecFileToTheSameSpec() throws Exception {
    SweepSpec spec = json.readValue(FLAT, SweepSpec.class).normalized("s");
    assertThat(SweepSpecParser.parse(json.writeValueAsString(spec), "s.json")).isEqualTo(spec);
  }
}
