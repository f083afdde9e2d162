package tomo.cgcnn;

/**
 * The materials one training used, by part, and those it could not use.
 *
 * @param trainMaterials materials in the training part (after dropping rows without values)
 * @param validationMaterials materials in the validation part
 * @param testMaterials materials in the test part
 * @param droppedMissingTarget materials without a target value (not used)
 * @param droppedMissingExtra materials with a target but without an extra value (not used)
 */
public record TrainingSplit(
    int trainMaterials,
    int validationMaterials,
    int testMaterials,
    int droppedMissingTarget,
    int droppedMissingExtra) {}
