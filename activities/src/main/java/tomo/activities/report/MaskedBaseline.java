package tomo.activities.report;

/**
 * A baseline of a sweep with {@code baseline: per-cell}: trained for {@code property}, which it did
 * not see, and compared only with the trainings that add that property.
 */
public record MaskedBaseline(String property, ReportTraining baseline) {}
