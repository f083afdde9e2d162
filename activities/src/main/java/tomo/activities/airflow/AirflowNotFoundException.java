package tomo.activities.airflow;

/** The DAG or DAG run does not exist on the Airflow server (HTTP 404): not retryable. */
public final class AirflowNotFoundException extends AirflowException {
  public AirflowNotFoundException(String message) {
    super(message, false, null);
  }
}
