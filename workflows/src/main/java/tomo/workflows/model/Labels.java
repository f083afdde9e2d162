package tomo.workflows.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one spelling rule of tomo's named values ({@link Representation}, {@link Optimizer}, {@link
 * CellState}): the constant's name in lower case, as specs, stored JSON, the command line and
 * metric labels write it.
 */
final class Labels {
  private Labels() {}

  static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  static <E extends Enum<E>> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Labels::of).toList();
  }

  /**
   * The constant of {@code type} spelled {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  static <E extends Enum<E>> E parse(Class<E> type, String label) {
    for (E e : type.getEnumConstants()) {
      if (of(e).equals(label)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "'" + label + "' is not one of " + String.join(", ", all(type)));
  }
}
