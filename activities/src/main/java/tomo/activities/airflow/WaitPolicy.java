package tomo.activities.airflow;

import java.time.Duration;

/**
 * How to poll a DAG run until it finishes: exponential backoff between polls, capped, within an
 * overall limit.
 *
 * @param firstDelay wait before the second poll
 * @param maxDelay longest wait between polls
 * @param multiplier growth of the wait per poll (≥ 1)
 * @param timeout give up after this long
 */
public record WaitPolicy(
    Duration firstDelay, Duration maxDelay, double multiplier, Duration timeout) {
  public WaitPolicy {
    if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || multiplier < 1) {
      throw new IllegalArgumentException(
          "need 0 <= firstDelay <= maxDelay and multiplier >= 1, got "
              + firstDelay
              + ", "
              + maxDelay
              + ", "
              + multiplier);
    }
  }

  /** The delay after {@code delay}. */
  Duration next(Duration delay) {
    long nanos = (long) Math.min(maxDelay.toNanos(), delay.toNanos() * multiplier);
    return Duration.ofNanos(Math.max(nanos, delay.toNanos()));
  }
}
