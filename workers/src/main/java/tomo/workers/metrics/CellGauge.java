package tomo.workers.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * A gauge that reads the one element of an array its owner writes to. The gauge holds the array
 * strongly, so the series lives until it is removed from the registry, not until the owner forgets
 * it.
 */
final class CellGauge {
  private CellGauge() {}

  /**
   * Registers the gauge {@code name} with {@code tags} reading {@code cell[0]}.
   *
   * @param unit base unit, or null for a plain number
   * @param help the description Prometheus shows as HELP
   */
  static Meter register(
      MeterRegistry registry, String name, String unit, Tags tags, double[] cell, String help) {
    Gauge.Builder<double[]> builder =
        Gauge.builder(name, cell, c -> c[0]).description(help).tags(tags).strongReference(true);
    if (unit != null) {
      builder.baseUnit(unit);
    }
    return builder.register(registry);
  }
}
