package tomo.hyper;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A named value of tomo's vocabulary (an optimizer, a protocol, a representation, …) spelled by its
 * {@link #label()}: the constant's name in lower case, as specs, stored JSON, the command line and
 * metric labels write it. An enum implements it and gets the spelling, its JSON and the parsing
 * with an error that lists the labels from here, written once.
 */
public interface Labelled {
  /** The constant's name; every enum has it. */
  String name();

  /** The name specs and stored JSON use: the constant's name in lower case. */
  @JsonValue
  default String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every label of {@code type}, in declaration order. */
  static <E extends Enum<E> & Labelled> List<String> labels(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Labelled::label).toList();
  }

  /**
   * The constant of {@code type} spelled {@code label}.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  static <E extends Enum<E> & Labelled> E parse(Class<E> type, String label) {
    for (E e : type.getEnumConstants()) {
      if (e.label().equals(label)) {
        return e;
      }
    }
    throw new IllegalArgumentException(
        "'" + label + "' is not one of " + String.join(", ", labels(type)));
  }
}
