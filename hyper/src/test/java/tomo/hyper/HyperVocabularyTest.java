package tomo.hyper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * The shared vocabulary reads and writes as specs and stored trainings spell it, and the paper's
 * defaults come out of the one builder.
 */
class HyperVocabularyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void enumsAreSpelledByTheirLabelInJsonAndText() throws Exception {
    assertThat(JSON.writeValueAsString(Optimizer.ADAM)).isEqualTo("\"adam\"");
    assertThat(JSON.writeValueAsString(InitMode.INDEPENDENT)).isEqualTo("\"independent\"");
    assertThat(JSON.writeValueAsString(Scaling.DATASET)).isEqualTo("\"dataset\"");
    assertThat(JSON.readValue("\"sgd\"", Optimizer.class)).isEqualTo(Optimizer.SGD);
    assertThat(JSON.readValue("\"tight\"", InitMode.class)).isEqualTo(InitMode.TIGHT);
    assertThat(Optimizer.ADAM).hasToString("adam");
    assertThat(Optimizer.labels()).containsExactly("sgd", "adam");
    assertThat(Scaling.labels()).containsExactly("train", "dataset");
  }

  @Test
  void anUnknownLabelIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> InitMode.of("loose"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'loose' is not one of tight, independent");
    assertThatThrownBy(() -> Optimizer.of("SGD")).hasMessage("'SGD' is not one of sgd, adam");
  }

  @Test
  void theGainIsAutoOrAPositiveNumber() throws Exception {
    assertThat(JSON.writeValueAsString(ExtraGain.AUTO)).isEqualTo("\"auto\"");
    assertThat(JSON.writeValueAsString(ExtraGain.of(1))).isEqualTo("1.0");
    assertThat(JSON.readValue("2.5", ExtraGain.class)).isEqualTo(ExtraGain.of(2.5));
    assertThat(JSON.readValue("\"auto\"", ExtraGain.class)).isEqualTo(ExtraGain.AUTO);
    assertThat(ExtraGain.of(1)).hasToString("1");
    assertThat(ExtraGain.of(1.5)).hasToString("1.5");
    assertThatThrownBy(() -> ExtraGain.parse("-1"))
        .hasMessageContaining("expected 'auto' or a positive number");
    // √(64 / width): 8 on a numeric extra, √64/√3 per column of a 3-class one-hot
    assertThat(ExtraGain.AUTO.columnFactor(64, 1)).isEqualTo(8.0);
    assertThat(ExtraGain.AUTO.columnFactor(64, 3)).isEqualTo(Math.sqrt(64.0 / 3));
    assertThat(ExtraGain.of(1).columnFactor(64, 3)).isEqualTo(1.0);
  }

  @Test
  void thePapersDefaultsComeFromTheBuilder() {
    HyperParameters h = HyperParameters.defaults();
    assertThat(h.epochs()).isEqualTo(30);
    assertThat(h.batchSize()).isEqualTo(256);
    assertThat(h.optimizer()).isEqualTo(Optimizer.SGD);
    assertThat(h.learningRate()).isEqualTo(0.01);
    assertThat(h.momentum()).isEqualTo(0.9);
    assertThat(h.milestone()).isEqualTo(100);
    assertThat(h.patience()).isNull();
    assertThat(h.init()).isEqualTo(InitMode.TIGHT);
    assertThat(h.extraGain()).isEqualTo(ExtraGain.AUTO);
    assertThat(h.scaling()).isEqualTo(Scaling.TRAIN);
    assertThat(h.finetuneEpochs()).isNull();
    assertThat(HyperParameters.builder().optimizer(Optimizer.ADAM).build().learningRate())
        .isEqualTo(Optimizer.ADAM.defaultLearningRate());
  }

  @Test
  void aSpecsHyperBlockTakesTheDefaultsForWhatItLeavesOut() throws Exception {
    HyperParameters h =
        JSON.readValue("{\"epochs\": 5, \"optimizer\": \"adam\"}", HyperParameters.class);
    assertThat(h).isEqualTo(HyperParameters.builder().epochs(5).optimizer(Optimizer.ADAM).build());
    assertThat(JSON.readValue(JSON.writeValueAsString(h), HyperParameters.class)).isEqualTo(h);
    // patience and finetuneEpochs are left out when null, as stored requests have them
    assertThat(JSON.writeValueAsString(h)).doesNotContain("patience").doesNotContain("finetune");
  }
}
