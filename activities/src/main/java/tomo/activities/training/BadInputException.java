package tomo.activities.training;

/**
 * Input a training cannot use (a missing or unparseable value, an unknown property): retrying
 * cannot help until the input is fixed. The message names file, row and field.
 */
public final class BadInputException extends Exception {
  public BadInputException(String message) {
    super(message);
  }
}
