package tomo.workflows.model;

import java.util.List;

/**
 * A dataset checked and ready for training.
 *
 * @param path the dataset file
 * @param contentSha256 hex SHA-256 of the decompressed CSV
 * @param materials rows usable for training (after the limit)
 * @param graphCaches graph cache files built, one per representation
 * @param warnings skipped rows and isolated atoms (none in histories written before it existed)
 */
public record PreparedDataset(
    String path,
    String contentSha256,
    int materials,
    List<String> graphCaches,
    DataWarnings warnings) {

  public PreparedDataset {
    warnings = warnings == null ? DataWarnings.none() : warnings;
  }

  /** A dataset read without a warning. */
  public PreparedDataset(
      String path, String contentSha256, int materials, List<String> graphCaches) {
    this(path, contentSha256, materials, graphCaches, DataWarnings.none());
  }
}
