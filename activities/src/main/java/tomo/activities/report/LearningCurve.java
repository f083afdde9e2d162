package tomo.activities.report;

import java.util.List;
import tomo.activities.store.EpochPoint;
import tomo.activities.store.StoredTraining;
import tomo.workflows.model.Representation;

/**
 * One training's learning curve as the report draws it.
 *
 * @param property the added property, {@code null} for a baseline
 * @param baselineFor for a per-cell baseline, the property whose cell it belongs to (trained
 *     without seeing it); {@code null} for a shared baseline and for augmented trainings
 * @param points every epoch from the first, in order
 */
public record LearningCurve(
    String target,
    String property,
    Representation representation,
    int seed,
    String baselineFor,
    List<EpochPoint> points) {

  public LearningCurve {
    points = List.copyOf(points);
  }

  /** The curve of a stored training (empty points when the file predates curves). */
  public static LearningCurve of(StoredTraining t) {
    return new LearningCurve(
        t.request().target(),
        t.request().property(),
        t.request().representation(),
        t.request().seed(),
        t.request().maskedProperty(),
        t.history());
  }

  /** Whether this is a baseline of the cell (target, property, representation). */
  boolean isBaselineOf(String target, String cellProperty, Representation representation) {
    return property == null
        && this.target.equals(target)
        && this.representation == representation
        && (baselineFor == null || baselineFor.equals(cellProperty));
  }

  /** Whether this is an augmented training of the cell (target, property, representation). */
  boolean isAugmentedOf(String target, String cellProperty, Representation representation) {
    return cellProperty.equals(property)
        && this.target.equals(target)
        && this.representation == representation;
  }
}
