package tomo.activities.store;

import java.util.Objects;

/**
 * What a training read: the graphs' settings and how its materials were split and dropped.
 *
 * @param graphSettings the graph cache's settings key (mode, neighbours, distance, Gaussian basis)
 * @param trainMaterials materials in the training split
 * @param validationMaterials materials in the validation split
 * @param testMaterials materials in the test split
 * @param droppedMissingTarget rows dropped for lacking the target
 * @param droppedMissingExtra rows dropped for lacking the extra property
 * @param droppedIncomplete rows dropped for lacking another of the grid's names besides those;
 *     {@code null}: not recorded (files written before 2026-12-05)
 */
public record RunData(
    String graphSettings,
    int trainMaterials,
    int validationMaterials,
    int testMaterials,
    int droppedMissingTarget,
    int droppedMissingExtra,
    Integer droppedIncomplete) {

  public RunData {
    Objects.requireNonNull(graphSettings, "graphSettings");
    if (trainMaterials < 0
        || validationMaterials < 0
        || testMaterials < 0
        || droppedMissingTarget < 0
        || droppedMissingExtra < 0
        || (droppedIncomplete != null && droppedIncomplete < 0)) {
      throw new IllegalArgumentException(
          "material counts must be >= 0, got %d/%d/%d, dropped %d/%d/%s"
              .formatted(
                  trainMaterials,
                  validationMaterials,
                  testMaterials,
                  droppedMissingTarget,
                  droppedMissingExtra,
                  droppedIncomplete));
    }
  }
}
