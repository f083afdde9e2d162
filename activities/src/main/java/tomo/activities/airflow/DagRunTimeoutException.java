package tomo.activities.airflow;

import java.time.Duration;

/** A DAG run did not finish within the wait limit; its last known state is in the message. */
public final class DagRunTimeoutException extends AirflowException {
  public DagRunTimeoutException(DagRun lastSeen, Duration waited) {
    super(
        "Airflow DAG run "
            + lastSeen.dagId()
            + "/"
            + lastSeen.runId()
            + " still '"
            + lastSeen.state()
            + "' after "
            + waited.toSeconds()
            + " s",
        true,
        null);
  }
}
