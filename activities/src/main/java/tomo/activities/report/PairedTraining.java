package tomo.activities.report;

import tomo.workflows.model.Representation;

/**
 * An augmented training matched with the baseline of the same target, representation and seed.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param baselineMetric the baseline's test metric
 * @param augmentedMetric the augmented training's test metric
 * @param changePercent 100 × (augmented − baseline) / baseline; negative when the property helps
 */
public record PairedTraining(
    String target,
    String property,
    Representation representation,
    int seed,
    String metric,
    double baselineMetric,
    double augmentedMetric,
    double changePercent) {}
