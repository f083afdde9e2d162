package tomo.workflows.hooks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Trigger one hook DAG and wait for its run.
 *
 * @param sweepId the sweep; part of the run id and of the conf
 * @param phase when in the sweep the hook runs
 * @param dagId the Airflow DAG
 * @param conf the DAG run's conf; {@code sweep_id} and {@code phase} are always added
 * @param waitTimeoutSeconds how long to wait for the run to finish
 * @param unpauseIfPaused unpause a paused DAG first (its runs would otherwise never start)
 */
public record DagHookRequest(
    String sweepId,
    HookPhase phase,
    String dagId,
    Map<String, String> conf,
    long waitTimeoutSeconds,
    boolean unpauseIfPaused) {
  public DagHookRequest {
    Objects.requireNonNull(sweepId, "sweepId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(dagId, "dagId");
    if (waitTimeoutSeconds <= 0) {
      throw new IllegalArgumentException("waitTimeoutSeconds must be positive");
    }
    Map<String, String> all = new LinkedHashMap<>(conf == null ? Map.of() : conf);
    all.put("sweep_id", sweepId);
    all.put("phase", phase.wireName());
    conf = Map.copyOf(all);
  }

  /** The {@code on_start} hook of a sweep. */
  public static DagHookRequest onStart(
      String sweepId, String dagId, Map<String, String> conf, long waitTimeoutSeconds) {
    return new DagHookRequest(sweepId, HookPhase.ON_START, dagId, conf, waitTimeoutSeconds, true);
  }

  /** The {@code on_complete} hook of a sweep, conf carrying the report paths. */
  public static DagHookRequest onComplete(
      String sweepId, String dagId, Map<String, String> reportPaths, long waitTimeoutSeconds) {
    return new DagHookRequest(
        sweepId, HookPhase.ON_COMPLETE, dagId, reportPaths, waitTimeoutSeconds, true);
  }

  /**
   * The DAG run id: fixed per (sweep, phase), so a retried activity finds the run it started
   * instead of starting a second one.
   */
  public String runId() {
    return "tomo__" + sweepId + "__" + phase.wireName();
  }
}
