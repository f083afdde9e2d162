package tomo.workers.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import tomo.activities.training.PreparationListener;
import tomo.workflows.model.Representation;

/**
 * How long trainers spend preparing their inputs; a trainer reports here as its {@link
 * PreparationListener}.
 *
 * <table>
 *   <caption>Meters (as scraped)</caption>
 *   <tr><td>{@code tomo_dataset_build_duration_seconds},
 *       {@code tomo_graph_cache_build_duration_seconds{mode,outcome}}</td>
 *       <td>preparation time (count, sum, max)</td></tr>
 * </table>
 */
public final class PreparationMeters implements PreparationListener {
  private final MeterRegistry registry;
  private final BoundedLabel graphModes =
      BoundedLabel.of("mode", Representation.labels().toArray(String[]::new));

  PreparationMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Records how long reading the dataset (CSV and CIFs) took. */
  @Override
  public void datasetRead(Duration duration) {
    Timer.builder("tomo.dataset.build.duration")
        .description("Time to read and parse the dataset")
        .register(registry)
        .record(duration.toNanos(), TimeUnit.NANOSECONDS);
  }

  /**
   * Records how long the graph cache took to become ready.
   *
   * @param representation structure or composition (the {@code mode} label)
   * @param built true if the graphs were built, false if an existing cache file was loaded
   */
  @Override
  public void graphCacheReady(String representation, boolean built, Duration duration) {
    Timer.builder("tomo.graph.cache.build.duration")
        .description("Time to build or load the crystal graph cache")
        .tags("mode", graphModes.value(representation), "outcome", built ? "built" : "loaded")
        .register(registry)
        .record(duration.toNanos(), TimeUnit.NANOSECONDS);
  }
}
