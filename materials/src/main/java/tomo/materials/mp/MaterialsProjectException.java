package tomo.materials.mp;

/** The Materials Project could not be read; the message never holds the API key. */
public final class MaterialsProjectException extends RuntimeException {
  public MaterialsProjectException(String message) {
    super(message);
  }
}
