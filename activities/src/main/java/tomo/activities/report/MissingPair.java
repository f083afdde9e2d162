package tomo.activities.report;

import tomo.workflows.model.Representation;

/**
 * A (target, property, representation, seed) that the sweep's other trainings imply but that could
 * not be paired, so it is left out of the statistics. Reported so that a hole in the grid is
 * visible.
 *
 * @param property the added property, or {@code null} when a baseline has no augmented training at
 *     all
 * @param reason what is missing or wrong, e.g. "no baseline training"
 */
public record MissingPair(
    String target, String property, Representation representation, int seed, String reason) {}
