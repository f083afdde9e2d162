package tomo.workflows.model;

import java.util.List;
import java.util.Map;

/**
 * A dataset checked and ready for training.
 *
 * @param path the dataset file
 * @param contentSha256 hex SHA-256 of the decompressed CSV
 * @param materials rows usable for training (after the limit)
 * @param graphCaches graph cache files built, one per representation
 * @param warnings skipped rows and isolated atoms (none in histories written before it existed)
 * @param incompleteRows rows read that lack a value of at least one of the sweep's targets and
 *     properties (0 in histories written before it existed: no data then lacked one)
 * @param missingValues for each target or property that some rows lack, how many rows lack it
 */
public record PreparedDataset(
    String path,
    String contentSha256,
    int materials,
    List<String> graphCaches,
    DataWarnings warnings,
    int incompleteRows,
    Map<String, Integer> missingValues) {

  public PreparedDataset {
    warnings = warnings == null ? DataWarnings.none() : warnings;
    missingValues = missingValues == null ? Map.of() : Map.copyOf(missingValues);
  }

  /** A dataset every row of which has every value the sweep uses. */
  public PreparedDataset(
      String path,
      String contentSha256,
      int materials,
      List<String> graphCaches,
      DataWarnings warnings) {
    this(path, contentSha256, materials, graphCaches, warnings, 0, Map.of());
  }

  /** Whether some rows lack a value of {@code name}. */
  public boolean lacksValues(String name) {
    return missingValues.getOrDefault(name, 0) > 0;
  }

  /** A dataset read without a warning. */
  public PreparedDataset(
      String path, String contentSha256, int materials, List<String> graphCaches) {
    this(path, contentSha256, materials, graphCaches, DataWarnings.none());
  }
}
