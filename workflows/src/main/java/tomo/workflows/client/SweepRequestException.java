package tomo.workflows.client;

/**
 * A sweep request that could not be done, said in words a person can act on: the server that could
 * not be reached (with its address), the sweep id that does not exist, the sweep that has already
 * ended, the sweep that failed and why. The command line prints the message alone.
 */
public final class SweepRequestException extends RuntimeException {
  private final boolean sweepFailed;
  private final boolean mayPassSoon;

  SweepRequestException(String message, boolean sweepFailed, Throwable cause) {
    this(message, sweepFailed, false, cause);
  }

  /**
   * @param sweepFailed the sweep itself failed (the message is its cause)
   * @param mayPassSoon the same request may succeed a moment later: the server did not answer in
   *     time or could not be reached, or the sweep's worker did not answer its query in time
   */
  public SweepRequestException(
      String message, boolean sweepFailed, boolean mayPassSoon, Throwable cause) {
    super(message, cause);
    this.sweepFailed = sweepFailed;
    this.mayPassSoon = mayPassSoon;
  }

  /** True when the sweep itself failed (exit 2), false when the request could not be made. */
  public boolean sweepFailed() {
    return sweepFailed;
  }

  /**
   * True when asking again later may work (an unreachable or slow server, a busy or restarting
   * worker), false when it cannot (no such sweep, a sweep that has ended, a failed sweep).
   */
  public boolean mayPassSoon() {
    return mayPassSoon;
  }
}
