package tomo.workflows.model;

/** A sweep spec that cannot run; the message names the source, the field and what was expected. */
public final class SweepSpecException extends RuntimeException {
  public SweepSpecException(String message) {
    super(message);
  }

  public SweepSpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
