package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.activities.training.BadInputException;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.EpochListener;
import tomo.activities.training.TrainingRun;
import tomo.hyper.HyperParameters;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingRequest;

class MeteredCellTrainerTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final TomoMetrics metrics = new TomoMetrics(registry);
  private final List<String> seenDuringTraining = new ArrayList<>();
  private final List<Double> lossesPassedOn = new ArrayList<>();

  private static TrainingRequest request(String target, String property) {
    return TrainingRequest.builder()
        .dataset("data.csv", "abc")
        .cell(new CellKey(target, property, Representation.COMPOSITION, 3))
        .hyper(HyperParameters.paper(2))
        .artifactDir("/tmp/artifacts")
        .build();
  }

  /** Two epochs: one with the loss, one without; records the scrape between them. */
  private final CellTrainer trainer =
      new CellTrainer() {
        @Override
        public String id() {
          return "fake-v1";
        }

        @Override
        public TrainingRun train(TrainingRequest request, Path dir, EpochListener listener)
            throws BadInputException {
          if (request.target().equals("bad")) {
            throw new BadInputException("row 3 field cif: no atoms");
          }
          listener.epochDone(1, 0.75, 0.5, 0.5, 2.0);
          seenDuringTraining.add(registry.scrape());
          listener.epochDone(2, 0.4, 0.4, 1.5);
          return new TrainingRun("error_rate", 0.3, 2, 2, 3.5);
        }

        @Override
        public String datasetSha256(TrainingRequest request) {
          return "fixed-in-place"; // the file changed since the sweep was prepared
        }
      };

  @Test
  void reportsEpochsWithTheLossAndCountsTheOutcome() throws Exception {
    MeteredCellTrainer metered = new MeteredCellTrainer(trainer, metrics.trainings(), "gpu");
    EpochListener downstream =
        new EpochListener() {
          @Override
          public void epochDone(int epoch, double val, double best, double seconds) {
            lossesPassedOn.add(Double.NaN);
          }

          @Override
          public void epochDone(int epoch, double loss, double val, double best, double seconds) {
            lossesPassedOn.add(loss);
          }
        };
    TrainingRun run = metered.train(request("oxide_type", "volume"), Path.of("/tmp/x"), downstream);

    assertThat(metered.id()).isEqualTo("fake-v1"); // content hashes do not change
    // nor does the data a result is stored under
    assertThat(metered.datasetSha256(request("oxide_type", "volume"))).isEqualTo("fixed-in-place");
    assertThat(run.testMetric()).isEqualTo(0.3);
    assertThat(lossesPassedOn).containsExactly(0.75, Double.NaN);
    assertThat(seenDuringTraining.get(0))
        .contains(
            "tomo_training_train_loss{metric=\"error_rate\",property=\"volume\",queue=\"gpu\","
                + "representation=\"composition\",slot=\"0\",target=\"oxide_type\"} 0.75")
        .contains("tomo_training_current_epoch{")
        .contains("tomo_training_total_epochs{metric=\"error_rate\"");
    String after = registry.scrape();
    assertThat(after)
        .contains("tomo_trainings_finished_total{queue=\"gpu\",representation=\"composition\"} 1.0")
        .contains(
            "tomo_training_epoch_duration_seconds_count{queue=\"gpu\",representation=\"composition\"} 2")
        .contains(
            "tomo_training_epoch_duration_seconds_sum{queue=\"gpu\",representation=\"composition\"} 3.5")
        .doesNotContain("tomo_training_current_epoch{");
  }

  @Test
  void aFailedTrainingIsCountedAndItsErrorPassesThrough() {
    MeteredCellTrainer metered = new MeteredCellTrainer(trainer, metrics.trainings(), "gpu");
    assertThatThrownBy(
            () -> metered.train(request("bad", null), Path.of("/tmp/x"), (e, v, b, s) -> {}))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("row 3 field cif");
    assertThat(registry.scrape())
        .contains("tomo_trainings_failed_total{queue=\"gpu\",representation=\"composition\"} 1.0")
        .contains("tomo_training_slots{queue=\"gpu\",state=\"busy\"} 0.0");
  }
}
