package tomo.workers.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tomo.workflows.model.CellState;

/**
 * The progress of sweeps, as the sweep workflows report it; only the {@code maxSweeps} most
 * recently updated sweeps keep their series.
 *
 * <table>
 *   <caption>Meters (as scraped)</caption>
 *   <tr><td>{@code tomo_sweep_cells{sweep,state}}</td><td>cells pending/running/done/failed</td></tr>
 *   <tr><td>{@code tomo_sweep_eta_seconds{sweep}}</td><td>estimated seconds left</td></tr>
 *   <tr><td>{@code tomo_sweep_planned_finish_timestamp_seconds{sweep}}</td>
 *       <td>Unix time the first ETA promised (alerting: sweep past its ETA)</td></tr>
 *   <tr><td>{@code tomo_sweep_mean_delta_percent{sweep,target,property,representation}}</td>
 *       <td>heatmap so far: mean %Δ of the test metric over finished seeds</td></tr>
 *   <tr><td>{@code tomo_sweep_seeds{sweep,target,property,representation}}</td>
 *       <td>seeds of the cell so far (adaptive seeds add to the spec's)</td></tr>
 * </table>
 *
 * <p>Thread-safe.
 */
public final class SweepMeters {
  private final MeterRegistry registry;
  private final int maxSweeps;
  private final BoundedLabel targets;
  private final BoundedLabel properties;
  private final BoundedLabel representations;
  private final BoundedLabel states =
      BoundedLabel.of("state", CellState.labels().toArray(String[]::new));

  /** Access-ordered, so the first entry is the sweep updated longest ago. */
  private final LinkedHashMap<String, SweepSeries> sweeps = new LinkedHashMap<>(16, 0.75f, true);

  SweepMeters(
      MeterRegistry registry,
      int maxSweeps,
      BoundedLabel targets,
      BoundedLabel properties,
      BoundedLabel representations) {
    this.registry = registry;
    this.maxSweeps = maxSweeps;
    this.targets = targets;
    this.properties = properties;
    this.representations = representations;
  }

  /** Sets the cells of {@code sweepId} in one {@code state} (pending, running, done, failed). */
  public void cells(String sweepId, String state, double count) {
    String bounded = states.value(state);
    if (BoundedLabel.OTHER.equals(bounded)) {
      throw new IllegalArgumentException(
          "unknown cell state '" + state + "', expected pending, running, done or failed");
    }
    synchronized (sweeps) {
      sweep(sweepId).cells.get(bounded)[0] = count;
    }
  }

  /**
   * Sets the estimated seconds until {@code sweepId} finishes. The first estimate also fixes the
   * sweep's planned finish time, which the "sweep past its ETA" alert compares against.
   */
  public void eta(String sweepId, double etaSeconds) {
    if (!(etaSeconds >= 0)) {
      return; // not known yet
    }
    synchronized (sweeps) {
      SweepSeries sweep = sweep(sweepId);
      if (Double.isNaN(sweep.eta[0])) {
        Tags tags = Tags.of("sweep", sweepId);
        sweep.meters.add(
            CellGauge.register(
                registry,
                "tomo.sweep.eta",
                "seconds",
                tags,
                sweep.eta,
                "Estimated seconds until the sweep finishes"));
        sweep.plannedFinish[0] = registry.config().clock().wallTime() / 1000.0 + etaSeconds;
        sweep.meters.add(
            CellGauge.register(
                registry,
                "tomo.sweep.planned.finish.timestamp",
                "seconds",
                tags,
                sweep.plannedFinish,
                "Unix time at which the sweep's first ETA said it would finish"));
      }
      sweep.eta[0] = etaSeconds;
    }
  }

  /** Sets one heatmap cell so far: the mean %Δ of the test metric over the finished seeds. */
  public void meanDelta(
      String sweepId, String target, String property, String representation, double percent) {
    cellGauge(
        sweepId,
        target,
        property,
        representation,
        percent,
        s -> s.deltas,
        "tomo.sweep.mean.delta",
        "percent",
        "Mean over finished seeds of the test metric's change from the baseline, percent");
  }

  /** Sets the seeds one cell has so far (the spec's, and those adaptive rounds added). */
  public void seeds(
      String sweepId, String target, String property, String representation, double seeds) {
    cellGauge(
        sweepId,
        target,
        property,
        representation,
        seeds,
        s -> s.seeds,
        "tomo.sweep.seeds",
        null,
        "Seeds of the cell so far: the spec's and those adaptive rounds added");
  }

  private void cellGauge(
      String sweepId,
      String target,
      String property,
      String representation,
      double value,
      java.util.function.Function<SweepSeries, Map<Tags, double[]>> series,
      String name,
      String unit,
      String description) {
    Tags tags =
        Tags.of(
            "sweep",
            sweepId,
            "target",
            targets.value(target),
            "property",
            properties.value(property),
            "representation",
            representations.value(representation));
    synchronized (sweeps) {
      SweepSeries sweep = sweep(sweepId);
      Map<Tags, double[]> cells = series.apply(sweep);
      double[] cell = cells.get(tags);
      if (cell == null) {
        cell = new double[] {value};
        cells.put(tags, cell);
        sweep.meters.add(CellGauge.register(registry, name, unit, tags, cell, description));
      }
      cell[0] = value;
    }
  }

  private SweepSeries sweep(String sweepId) {
    Objects.requireNonNull(sweepId, "sweepId");
    SweepSeries sweep = sweeps.get(sweepId);
    if (sweep != null) {
      return sweep;
    }
    Iterator<Map.Entry<String, SweepSeries>> oldest = sweeps.entrySet().iterator();
    while (sweeps.size() >= maxSweeps && oldest.hasNext()) {
      oldest.next().getValue().meters.forEach(registry::remove);
      oldest.remove();
    }
    sweep = new SweepSeries();
    for (String state : CellState.labels()) {
      double[] cell = {0};
      sweep.cells.put(state, cell);
      sweep.meters.add(
          CellGauge.register(
              registry,
              "tomo.sweep.cells",
              null,
              Tags.of("sweep", sweepId, "state", state),
              cell,
              "Cells of the sweep in each state"));
    }
    sweeps.put(sweepId, sweep);
    return sweep;
  }

  /** One sweep's values and the meters that read them, removed together when it is dropped. */
  private static final class SweepSeries {
    final Map<String, double[]> cells = new HashMap<>();
    final double[] eta = {Double.NaN};
    final double[] plannedFinish = {Double.NaN};
    final Map<Tags, double[]> deltas = new HashMap<>();
    final Map<Tags, double[]> seeds = new HashMap<>();
    final List<Meter> meters = new ArrayList<>();
  }
}
