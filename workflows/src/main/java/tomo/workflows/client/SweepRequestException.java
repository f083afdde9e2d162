package tomo.workflows.client;

/**
 * A sweep request that could not be done, said in words a person can act on: the server that could
 * not be reached (with its address), the sweep id that does not exist, the sweep that has already
 * ended, the sweep that failed and why. The command line prints the message alone.
 */
public final class SweepRequestException extends RuntimeException {
  private final boolean sweepFailed;

  SweepRequestException(String message, boolean sweepFailed, Throwable cause) {
    super(message, cause);
    this.sweepFailed = sweepFailed;
  }

  /** True when the sweep itself failed (exit 2), false when the request could not be made. */
  public boolean sweepFailed() {
    return sweepFailed;
  }
}
