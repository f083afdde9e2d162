package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Placeholder until the knobs branch lands (replaced by its InitMode). */
public enum InitMode {
  TIGHT,
  INDEPENDENT;

  @JsonValue
  public String label() {
    return Labels.of(this);
  }

  @Override
  public String toString() {
    return label();
  }

  @JsonCreator
  public static InitMode of(String label) {
    return Labels.parse(InitMode.class, label);
  }
}
