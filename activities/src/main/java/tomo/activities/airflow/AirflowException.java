package tomo.activities.airflow;

/**
 * A call to Airflow failed. {@link #retryable()} says whether trying again later can help (Airflow
 * down or overloaded) or not (bad credentials, unknown DAG, a rejected request, a failed run).
 */
public class AirflowException extends RuntimeException {
  private final boolean retryable;

  public AirflowException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** True when the same call may succeed later without any change. */
  public boolean retryable() {
    return retryable;
  }
}
