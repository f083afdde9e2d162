package tomo.workflows.metrics;

import com.uber.m3.tally.Scope;
import java.util.Map;
import tomo.workflows.model.CellState;
import tomo.workflows.model.Representation;

/**
 * The sweep numbers a workflow reports, by name, through Temporal's replay-safe metrics scope.
 *
 * <p>Workflow code calls these with {@code Workflow.getMetricsScope()}: that scope drops emissions
 * while a workflow replays, so a replay never reports stale progress. In tomo's own workers the
 * scope's reporter hands every {@code tomo_sweep_*} gauge to the process's {@code TomoMetrics},
 * which keeps the sweep label bounded (only the most recently updated sweeps are exposed).
 *
 * <p>All values are gauges (last value wins), so reporting the same progress twice is harmless.
 */
public final class SweepMetrics {
  /** Cells of a sweep in one state; tags {@link #SWEEP}, {@link #STATE} (a {@link CellState}). */
  public static final String CELLS = "tomo_sweep_cells";

  /** Estimated seconds until the sweep finishes (from measured epoch times); tag {@link #SWEEP}. */
  public static final String ETA_SECONDS = "tomo_sweep_eta_seconds";

  /**
   * Mean over finished seeds of 100 × (augmented − baseline) / baseline test metric (MAE or error
   * rate), the %ΔMAE of the paper's heatmaps so far; tags sweep, target, property, representation.
   */
  public static final String MEAN_DELTA_PERCENT = "tomo_sweep_mean_delta_percent";

  /**
   * Seeds of a cell so far: the spec's, and those adaptive rounds added; tags sweep, target,
   * property, representation.
   */
  public static final String SEEDS = "tomo_sweep_seeds";

  public static final String SWEEP = "sweep";
  public static final String STATE = "state";
  public static final String TARGET = "target";
  public static final String PROPERTY = "property";
  public static final String REPRESENTATION = "representation";

  private SweepMetrics() {}

  /**
   * Reports a sweep's progress in one call: cells by state, and the ETA when known. Call it from
   * the sweep workflow whenever its progress changes, with {@code Workflow.getMetricsScope()}.
   *
   * @param etaSeconds estimated seconds to finish, null while unknown
   */
  public static void reportProgress(
      Scope scope,
      String sweepId,
      long pending,
      long running,
      long done,
      long failed,
      Double etaSeconds) {
    reportCells(scope, sweepId, pending, running, done, failed);
    if (etaSeconds != null) {
      reportEta(scope, sweepId, etaSeconds);
    }
  }

  /** Reports how many cells of {@code sweepId} are in each state. */
  public static void reportCells(
      Scope scope, String sweepId, long pending, long running, long done, long failed) {
    cells(scope, sweepId, CellState.PENDING, pending);
    cells(scope, sweepId, CellState.RUNNING, running);
    cells(scope, sweepId, CellState.DONE, done);
    cells(scope, sweepId, CellState.FAILED, failed);
  }

  /** Reports the estimated seconds left; a negative or NaN estimate (not yet known) is skipped. */
  public static void reportEta(Scope scope, String sweepId, double etaSeconds) {
    if (etaSeconds >= 0) {
      scope.tagged(Map.of(SWEEP, sweepId)).gauge(ETA_SECONDS).update(etaSeconds);
    }
  }

  /** Reports the mean %Δ of one heatmap cell so far. */
  public static void reportMeanDelta(
      Scope scope,
      String sweepId,
      String target,
      String property,
      Representation representation,
      double meanPercent) {
    cell(scope, sweepId, target, property, representation)
        .gauge(MEAN_DELTA_PERCENT)
        .update(meanPercent);
  }

  /** Reports how many seeds one cell has so far. */
  public static void reportSeeds(
      Scope scope,
      String sweepId,
      String target,
      String property,
      Representation representation,
      int seeds) {
    cell(scope, sweepId, target, property, representation).gauge(SEEDS).update(seeds);
  }

  /** The scope of one heatmap cell: sweep, target, property and representation. */
  private static Scope cell(
      Scope scope, String sweepId, String target, String property, Representation representation) {
    return scope.tagged(
        Map.of(
            SWEEP,
            sweepId,
            TARGET,
            target,
            PROPERTY,
            property,
            REPRESENTATION,
            representation.label()));
  }

  private static void cells(Scope scope, String sweepId, CellState state, long count) {
    scope.tagged(Map.of(SWEEP, sweepId, STATE, state.label())).gauge(CELLS).update(count);
  }
}
