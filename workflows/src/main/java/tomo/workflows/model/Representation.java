package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import tomo.hyper.Labelled;

/**
 * What of a material a model sees: its crystal structure, or only its composition. Specs, training
 * requests, stored results, the command line and metric labels all spell it by {@link #label()}.
 */
public enum Representation implements Labelled {
  /** The crystal graph: each site bonded to its nearest neighbours. */
  STRUCTURE,
  /** The composition only: no geometry reaches the network. */
  COMPOSITION;

  /** The same name, so text built from a representation reads as the spec wrote it. */
  @Override
  public String toString() {
    return label();
  }

  /** Every label, in declaration order. */
  public static List<String> labels() {
    return Labelled.labels(Representation.class);
  }

  /**
   * The representation named {@code label}, as specs write it.
   *
   * @throws IllegalArgumentException naming the allowed labels
   */
  @JsonCreator
  public static Representation of(String label) {
    return Labelled.parse(Representation.class, label);
  }
}
