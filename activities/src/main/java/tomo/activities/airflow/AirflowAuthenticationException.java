package tomo.activities.airflow;

/** Airflow refused the credentials (HTTP 401/403): not retryable until someone fixes them. */
public final class AirflowAuthenticationException extends AirflowException {
  public AirflowAuthenticationException(String message) {
    super(message, false, null);
  }
}
