package tomo.activities.training;

/**
 * How many trainings a worker runs at once: {@code auto} (from the cores, or per GPU) or a fixed
 * count (per GPU on a GPU worker).
 *
 * @param count trainings at once; meaningful only when not {@code auto}
 */
public record Concurrency(boolean auto, int count) {
  /** Chosen from the machine by {@link TrainingLayout#plan}. */
  public static final Concurrency AUTO = new Concurrency(true, 0);

  public Concurrency {
    if (!auto && count < 1) {
      throw new IllegalArgumentException("concurrency must be >= 1 or auto, got " + count);
    }
  }

  /** A fixed count. */
  public static Concurrency of(int count) {
    return new Concurrency(false, count);
  }

  /** Parses {@code auto} or a positive integer (the value of a {@code --concurrency} option). */
  public static Concurrency parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("auto")) {
      return AUTO;
    }
    try {
      int n = Integer.parseInt(t);
      if (n >= 1) {
        return of(n);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "concurrency: expected 'auto' or a whole number >= 1, got '" + text + "'");
  }

  @Override
  public String toString() {
    return auto ? "auto" : Integer.toString(count);
  }
}
