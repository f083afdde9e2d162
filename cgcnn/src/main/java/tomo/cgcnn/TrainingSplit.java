package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The materials one training used, by part, and those it could not use.
 *
 * @param trainMaterials materials in the training part (after dropping rows without values)
 * @param validationMaterials materials in the validation part
 * @param testMaterials materials in the test part
 * @param droppedMissingTarget materials without a target value (not used)
 * @param droppedMissingExtra materials with a target but without an extra value (not used)
 * @param droppedIncomplete materials with target and extra values but without a value of another
 *     property the task requires complete ({@link TrainingTask#completeOver}); 0 in results written
 *     before it existed
 */
public record TrainingSplit(
    int trainMaterials,
    int validationMaterials,
    int testMaterials,
    int droppedMissingTarget,
    int droppedMissingExtra,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int droppedIncomplete) {

  /** A split that required no property beyond the target and the extra. */
  public TrainingSplit(
      int trainMaterials,
      int validationMaterials,
      int testMaterials,
      int droppedMissingTarget,
      int droppedMissingExtra) {
    this(
        trainMaterials,
        validationMaterials,
        testMaterials,
        droppedMissingTarget,
        droppedMissingExtra,
        0);
  }
}
