package tomo.activities.airflow;

/**
 * Airflow could not be reached or answered with a server error or "too many requests": retryable
 * with backoff.
 */
public final class AirflowUnavailableException extends AirflowException {
  public AirflowUnavailableException(String message, Throwable cause) {
    super(message, true, cause);
  }
}
