package tomo.workflows.model;

import java.util.List;

/**
 * A dataset checked and ready for training.
 *
 * @param path the dataset file
 * @param contentSha256 hex SHA-256 of the decompressed CSV
 * @param materials rows usable for training (after the limit)
 * @param graphCaches graph cache files built, one per representation
 */
public record PreparedDataset(
    String path, String contentSha256, int materials, List<String> graphCaches) {}
