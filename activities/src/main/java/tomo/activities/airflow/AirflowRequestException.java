package tomo.activities.airflow;

/** Airflow rejected a request as invalid (HTTP 400, 409, 422 …): not retryable. */
public final class AirflowRequestException extends AirflowException {
  private final int status;

  public AirflowRequestException(String message, int status) {
    super(message, false, null);
    this.status = status;
  }

  /** The HTTP status Airflow answered with. */
  public int status() {
    return status;
  }
}
