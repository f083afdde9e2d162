package tomo.materials.property;

/** A property name that the registry does not know. */
public final class UnknownPropertyException extends IllegalArgumentException {
  private final String name;

  public UnknownPropertyException(String name, String message) {
    super(message);
    this.name = name;
  }

  /** The name that was asked for. */
  public String name() {
    return name;
  }
}
