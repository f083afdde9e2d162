package tomo.workflows.hooks;

/**
 * The Airflow DAGs a sweep spec names; either may be null.
 *
 * @param onStartDag DAG triggered and awaited before any training, conf carrying the sweep id
 * @param onCompleteDag DAG triggered after the report, conf carrying the report paths
 */
public record SweepHooks(String onStartDag, String onCompleteDag) {
  /** No hooks. */
  public static SweepHooks none() {
    return new SweepHooks(null, null);
  }

  /** True when the spec names at least one DAG. */
  public boolean any() {
    return onStartDag != null || onCompleteDag != null;
  }
}
