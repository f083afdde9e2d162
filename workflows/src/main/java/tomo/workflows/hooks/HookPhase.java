package tomo.workflows.hooks;

/** When in a sweep a hook DAG runs. */
public enum HookPhase {
  /** Before training: the sweep waits for the DAG run to succeed. */
  ON_START("on_start"),
  /** After the report is written. */
  ON_COMPLETE("on_complete");

  private final String wireName;

  HookPhase(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in specs, DAG-run conf and run ids. */
  public String wireName() {
    return wireName;
  }
}
