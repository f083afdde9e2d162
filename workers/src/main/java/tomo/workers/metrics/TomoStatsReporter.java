package tomo.workers.metrics;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import java.util.Map;
import tomo.workflows.metrics.SweepMetrics;

/**
 * Temporal's metrics reporter with one exception: the sweep gauges that workflows report go to
 * {@link SweepMeters} instead of straight to Micrometer. Micrometer's Temporal reporter keeps every
 * gauge it was ever given, so a sweep label there would grow with every sweep the process sees;
 * SweepMeters keeps only the most recent sweeps.
 */
final class TomoStatsReporter implements StatsReporter {
  private final StatsReporter temporal;
  private final SweepMeters sweeps;

  TomoStatsReporter(StatsReporter temporal, SweepMeters sweeps) {
    this.temporal = temporal;
    this.sweeps = sweeps;
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    String sweep = tags == null ? null : tags.get(SweepMetrics.SWEEP);
    if (sweep != null) {
      switch (name) {
        case SweepMetrics.CELLS -> {
          sweeps.cells(sweep, tags.get(SweepMetrics.STATE), value);
          return;
        }
        case SweepMetrics.ETA_SECONDS -> {
          sweeps.eta(sweep, value);
          return;
        }
        case SweepMetrics.MEAN_DELTA_PERCENT, SweepMetrics.SEEDS -> {
          String target = tags.get(SweepMetrics.TARGET);
          String property = tags.get(SweepMetrics.PROPERTY);
          String representation = tags.get(SweepMetrics.REPRESENTATION);
          if (name.equals(SweepMetrics.SEEDS)) {
            sweeps.seeds(sweep, target, property, representation, value);
          } else {
            sweeps.meanDelta(sweep, target, property, representation, value);
          }
          return;
        }
        default -> {}
      }
    }
    temporal.reportGauge(name, tags, value);
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    temporal.reportCounter(name, tags, value);
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    temporal.reportTimer(name, tags, interval);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double bucketLowerBound,
      double bucketUpperBound,
      long samples) {
    temporal.reportHistogramValueSamples(
        name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      Duration bucketLowerBound,
      Duration bucketUpperBound,
      long samples) {
    temporal.reportHistogramDurationSamples(
        name, tags, buckets, bucketLowerBound, bucketUpperBound, samples);
  }

  @Override
  public Capabilities capabilities() {
    return temporal.capabilities();
  }

  @Override
  public void flush() {
    temporal.flush();
  }

  @Override
  public void close() {
    // the registry belongs to the process (its MetricsServer), not to Temporal's scope
    temporal.flush();
  }
}
