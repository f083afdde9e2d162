package tomo.cgcnn;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The data one training learned from: which file, which graphs, and the standardization fitted on
 * its training part.
 *
 * @param datasetSha256 content hash of the dataset
 * @param graphSettingsKey the graph settings' key
 * @param targetScaler standardization of a numeric target (identity for a categorical one)
 * @param extraScaler standardization of a numeric extra input (identity otherwise)
 */
@JsonPropertyOrder({"targetScaler", "extraScaler", "datasetSha256", "graphSettingsKey"})
public record DataProvenance(
    String datasetSha256,
    String graphSettingsKey,
    Standardizer targetScaler,
    Standardizer extraScaler) {}
