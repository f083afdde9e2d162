package tomo.cgcnn;

/**
 * The data cannot train the model asked for (for example too few materials with a target value to
 * split): a fact about the data, not about the run, so repeating the training cannot help until the
 * data or the request change. The message names the property at fault.
 */
public final class TrainingDataException extends IllegalArgumentException {
  public TrainingDataException(String message) {
    super(message);
  }
}
