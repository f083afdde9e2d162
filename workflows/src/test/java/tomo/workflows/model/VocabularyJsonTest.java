package tomo.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;

/** Representations, optimizers and groups keep the names stored JSON and workflow ids use. */
class VocabularyJsonTest {
  private final ObjectMapper json = new ObjectMapper();

  /** A training request as workflows scheduled and the store kept it before the enums existed. */
  private static final String STORED_REQUEST =
      "{\"datasetPath\":\"d.csv\",\"datasetSha256\":\"sha\",\"target\":\"band_gap\","
          + "\"property\":\"volume\",\"maskedProperty\":null,\"representation\":\"composition\","
          + "\"seed\":3,\"hyper\":{\"epochs\":6,\"batchSize\":64,\"optimizer\":\"adam\","
          + "\"learningRate\":0.01,\"momentum\":0.9,\"milestone\":100},\"limit\":0,"
          + "\"artifactDir\":\"a\",\"sample\":0,\"sampleSeed\":0,\"trainer\":\"cgcnn\","
          + "\"skipBadRows\":false}";

  @Test
  void aStoredRequestReadsIntoTheEnumsAndWritesBackTheSameJson() throws Exception {
    TrainingRequest request = json.readValue(STORED_REQUEST, TrainingRequest.class);
    assertThat(request.representation()).isEqualTo(Representation.COMPOSITION);
    assertThat(request.hyper().optimizer()).isEqualTo(Optimizer.ADAM);
    // written back: the stored fields unchanged, and the choices added since with the values
    // every request made before them had (ContentHash leaves those out, so hashes keep)
    ObjectNode expected = (ObjectNode) json.readTree(STORED_REQUEST);
    expected.put("protocol", "tomo").putArray("completeOver");
    ((ObjectNode) expected.get("hyper"))
        .put("init", "tight")
        .put("extraGain", "auto")
        .put("scaling", "train");
    assertThat(json.readTree(json.writeValueAsString(request))).isEqualTo(expected);
    TrainingRequest paper =
        request.toBuilder()
            .hyper(
                HyperParameters.builder()
                    .init(InitMode.INDEPENDENT)
                    .extraGain(ExtraGain.of(1.5))
                    .build())
            .build();
    String written = json.writeValueAsString(paper);
    assertThat(written).contains("\"init\":\"independent\"", "\"extraGain\":1.5");
    assertThat(json.readValue(written, TrainingRequest.class)).isEqualTo(paper);
  }

  @Test
  void labelsAreTheNamesSpecsUseAndUnknownOnesNameTheAllowed() {
    assertThat(Representation.labels()).containsExactly("structure", "composition");
    assertThat(Representation.of("structure")).isEqualTo(Representation.STRUCTURE);
    assertThat(Optimizer.of("sgd")).isEqualTo(Optimizer.SGD);
    assertThatThrownBy(() -> Representation.of("Structure"))
        .hasMessage("'Structure' is not one of structure, composition");
    assertThatThrownBy(() -> Optimizer.of("rmsprop"))
        .hasMessage("'rmsprop' is not one of sgd, adam");
  }

  @Test
  void aSpecNamingAnUnknownOptimizerNamesTheField() {
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n"
                        + "hyper:\n  optimizer: rmsprop\n",
                    "s.yaml"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessage("s.yaml: field 'hyper.optimizer': 'rmsprop' is not one of sgd, adam");
  }

  @Test
  void bothOptimizersDefaultToThePapersLearningRate() {
    for (Optimizer o : Optimizer.values()) {
      assertThat(HyperParameters.builder().optimizer(o).build().learningRate()).isEqualTo(0.01);
      assertThat(
              HyperParameters.fromSpec(
                  null, null, o, null, null, null, null, null, null, null, null))
          .isEqualTo(HyperParameters.builder().optimizer(o).build());
    }
    assertThat(HyperParameters.defaults())
        .isEqualTo(
            new HyperParameters(
                30,
                256,
                Optimizer.SGD,
                0.01,
                0.9,
                100,
                null,
                InitMode.TIGHT,
                ExtraGain.AUTO,
                Scaling.TRAIN,
                null));
  }

  @Test
  void aGroupIdIsTargetSlashRepresentation() {
    GroupKey group = new GroupKey("band_gap", Representation.STRUCTURE);
    assertThat(group.id()).isEqualTo("band_gap/structure");
    assertThat(GroupKey.of(CellKey.parse("band_gap/volume/structure/2"))).isEqualTo(group);
    assertThat(CellKey.parse("band_gap/-/composition/1").label())
        .isEqualTo("band_gap/-/composition/1");
    assertThatThrownBy(() -> CellKey.parse("band_gap/-/graph/1"))
        .hasMessage(
            "cell 'band_gap/-/graph/1': representation 'graph' is not one of structure,"
                + " composition");
  }

  @Test
  void theBuilderMakesTheSpecTheFileWould() {
    SweepSpec built =
        SweepSpec.builder()
            .targets(List.of("a"))
            .properties(List.of("b"))
            .representations(List.of(Representation.STRUCTURE))
            .seeds(List.of(1))
            .build()
            .normalized("built");
    SweepSpec read =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n", "built");
    assertThat(built).isEqualTo(read);
  }
}
