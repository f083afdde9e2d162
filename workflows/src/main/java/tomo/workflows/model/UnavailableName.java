package tomo.workflows.model;

/**
 * A target or property a spec names that its dataset neither holds nor derives. With {@code
 * skipMissing: true} its cells are left out of the sweep and listed in the report as not run.
 *
 * @param field {@code targets}, {@code properties} or {@code nullControl}
 * @param name the property name
 * @param reason why it cannot be trained on, naming the dataset
 */
public record UnavailableName(String field, String name, String reason) {}
