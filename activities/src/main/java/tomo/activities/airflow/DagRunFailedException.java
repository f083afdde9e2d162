package tomo.activities.airflow;

/** A DAG run ended in a state other than success; the message names the DAG, run id and state. */
public final class DagRunFailedException extends AirflowException {
  private final DagRun run;

  public DagRunFailedException(DagRun run) {
    super(
        "Airflow DAG run "
            + run.dagId()
            + "/"
            + run.runId()
            + " ended in state '"
            + run.state()
            + "'",
        false,
        null);
    this.run = run;
  }

  /** The run as Airflow reported it last. */
  public DagRun run() {
    return run;
  }
}
