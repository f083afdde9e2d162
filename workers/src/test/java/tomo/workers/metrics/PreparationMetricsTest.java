package tomo.workers.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.training.CgcnnCellTrainer;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.model.HyperParameters;
import tomo.workflows.model.TrainingRequest;

/**
 * The CGCNN trainer reports how long reading the shared dataset and readying the graph cache took:
 * once built, then loaded from the cache file.
 */
class PreparationMetricsTest {
  @Test
  void datasetAndGraphCacheTimesReachTheMetrics(@TempDir Path artifacts) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    TomoMetrics metrics = new TomoMetrics(registry);
    CgcnnCellTrainer trainer = new CgcnnCellTrainer(1, metrics.preparationListener());
    Path dataset = DatasetLocation.resolve(null);
    for (int seed = 0; seed < 2; seed++) {
      TrainingRequest request =
          new TrainingRequest(
              dataset.toString(),
              "unknown",
              "band_gap",
              null,
              null,
              "structure",
              seed,
              new HyperParameters(1, 32, "sgd", 0.01, 0.9, 100),
              120,
              artifacts.toString());
      trainer.train(request, artifacts.resolve("ckpt-" + seed), (e, v, b, s) -> {});
    }
    String text = registry.scrape();
    // the trainer reads the dataset once per process, builds the graphs once, then opens the file
    assertThat(text)
        .contains("tomo_dataset_build_duration_seconds_count 1")
        .contains(
            "tomo_graph_cache_build_duration_seconds_count{mode=\"structure\",outcome=\"built\"} 1")
        .contains(
            "tomo_graph_cache_build_duration_seconds_count{mode=\"structure\",outcome=\"loaded\"} 1");
  }
}
