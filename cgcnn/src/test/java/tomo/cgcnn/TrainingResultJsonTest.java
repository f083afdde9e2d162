package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.hyper.HyperParameters;
import tomo.hyper.Optimizer;
import tomo.materials.graph.GraphMode;

/**
 * {@code tomo train} prints a {@link TrainingResult} as JSON, and bench scripts read it by key: the
 * result in parts writes the same flat object as the flat record before it (with the init and the
 * extra input's gain added since).
 */
class TrainingResultJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void writesTheJsonOfTheFlatRecordBeforeIt() throws IOException {
    // printed by `tomo train --target band_gap --extra density --mode composition --epochs 2
    // --batch-size 64 --limit 200 --threads 1 --patience 5` before the result had parts
    JsonNode before;
    try (InputStream in = getClass().getResourceAsStream("train-result-before-parts.json")) {
      before = JSON.readTree(in);
    }
    TrainingResult result = fromFlatJson(before);
    // the flat record's config then gained the init and the extra input's gain; a result without
    // them reads as the defaults it was trained under
    ((ObjectNode) before.get("config")).put("init", "tight").put("extraGain", "auto");

    // as TrainCommand writes it
    String written =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result);
    JsonNode now = JSON.readTree(written);
    assertThat(now).isEqualTo(before);
    assertThat(fieldNames(now)).containsExactlyElementsOf(fieldNames(before));
    assertThat(fieldNames(now.get("config")))
        .containsExactlyInAnyOrderElementsOf(fieldNames(before.get("config")));
  }

  @Test
  void readsTheConfigurationOfAResultWrittenBeforeParts() throws IOException {
    JsonNode before;
    try (InputStream in = getClass().getResourceAsStream("train-result-before-parts.json")) {
      before = JSON.readTree(in);
    }
    // without the init and the gain: the defaults it was trained under
    assertThat(JSON.treeToValue(before.get("config"), TrainingConfig.class))
        .isEqualTo(fromFlatJson(before).config());
  }

  /** The result that the flat JSON describes, value by value. */
  private static TrainingResult fromFlatJson(JsonNode j) throws IOException {
    JsonNode c = j.get("config");
    TrainingConfig config =
        new TrainingConfig(
            new TrainingTask(
                c.get("target").asText(),
                c.get("extraProperty").isNull() ? null : c.get("extraProperty").asText(),
                c.get("extraMasked").asBoolean(),
                GraphMode.valueOf(c.get("mode").asText()),
                c.get("seed").asLong()),
            HyperParameters.builder()
                .epochs(c.get("epochs").asInt())
                .batchSize(c.get("batchSize").asInt())
                .optimizer(Optimizer.valueOf(c.get("optimizer").asText()))
                .learningRate(c.get("learningRate").asDouble())
                .momentum(c.get("momentum").asDouble())
                .milestone(c.get("milestoneEpoch").asInt())
                .patience(c.get("patience").isNull() ? null : c.get("patience").asInt())
                .build(),
            JSON.treeToValue(c.get("shape"), NetworkShape.class),
            new TrainingRuntime(c.get("threads").asInt(), c.get("useGpu").asBoolean()));
    return new TrainingResult(
        config,
        new TrainingMetrics(
            j.get("metric").asText(),
            j.get("bestEpoch").asInt(),
            j.get("bestValMetric").asDouble(),
            j.get("testMetric").asDouble(),
            j.get("referenceTestMetric").asDouble()),
        new TrainingSplit(
            j.get("trainMaterials").asInt(),
            j.get("validationMaterials").asInt(),
            j.get("testMaterials").asInt(),
            j.get("droppedMissingTarget").asInt(),
            j.get("droppedMissingExtra").asInt()),
        new DataProvenance(
            j.get("datasetSha256").asText(),
            j.get("graphSettingsKey").asText(),
            JSON.treeToValue(j.get("targetScaler"), Standardizer.class),
            JSON.treeToValue(j.get("extraScaler"), Standardizer.class)),
        new TrainingEnvironment(
            j.get("trainCrystalsPerSecond").asDouble(),
            j.get("trainAtomsPerSecond").asDouble(),
            j.get("backend").asText(),
            j.get("device").asText(),
            j.get("threads").asInt(),
            j.get("djlVersion").asText(),
            j.get("libtorchVersion").asText(),
            j.get("allocator").asText()),
        JSON.readerFor(new TypeReference<List<EpochProgress>>() {}).readValue(j.get("history")),
        j.get("resumedFromEpoch").asInt(),
        j.get("stoppedEarly").asBoolean(),
        j.get("epochsRun").asInt());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
