package tomo.workflows.model;

/**
 * One cell of a sweep grid: a target predicted with one added property, in one representation, for
 * one split seed.
 *
 * @param target the property the network predicts (dataset column name, e.g. {@code band_gap})
 * @param property the property added to the network's input, or {@code null} for the baseline
 * @param representation {@code structure} or {@code composition}
 * @param seed the split seed
 */
public record CellKey(String target, String property, String representation, int seed) {}
