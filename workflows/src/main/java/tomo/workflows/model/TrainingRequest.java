package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Everything a training activity needs, and nothing that does not change its result: the content
 * hash of this record (minus where files lie) keys the memoized result in the artifact store.
 *
 * @param datasetPath the dataset file the training worker reads
 * @param datasetSha256 hex SHA-256 of the decompressed dataset CSV (identifies the data, not the
 *     path)
 * @param target the property predicted
 * @param property the extra property the model sees, {@code null} for a baseline
 * @param maskedProperty for a per-cell baseline, the cell's property, whose presence defines which
 *     materials are used while the model does not see it; {@code null} otherwise
 * @param representation {@code structure} or {@code composition}
 * @param seed split and initialisation seed
 * @param hyper training hyper-parameters
 * @param limit materials used (0 = all)
 * @param artifactDir root of the artifact store (results, checkpoints)
 * @param skipBadRows skip dataset rows that cannot be read instead of failing (as the sweep's
 *     prepare step did, so both see the same rows)
 */
public record TrainingRequest(
    String datasetPath,
    String datasetSha256,
    String target,
    String property,
    String maskedProperty,
    String representation,
    int seed,
    HyperParameters hyper,
    int limit,
    String artifactDir,
    boolean skipBadRows) {

  /** A request that fails on the first bad dataset row. */
  public TrainingRequest(
      String datasetPath,
      String datasetSha256,
      String target,
      String property,
      String maskedProperty,
      String representation,
      int seed,
      HyperParameters hyper,
      int limit,
      String artifactDir) {
    this(
        datasetPath,
        datasetSha256,
        target,
        property,
        maskedProperty,
        representation,
        seed,
        hyper,
        limit,
        artifactDir,
        false);
  }

  public CellKey cell() {
    return new CellKey(target, property, representation, seed);
  }

  @JsonIgnore
  public boolean isBaseline() {
    return property == null;
  }

  /** This request on other data: the same training of the dataset whose hash is {@code sha256}. */
  public TrainingRequest withDatasetSha256(String sha256) {
    return new TrainingRequest(
        datasetPath,
        sha256,
        target,
        property,
        maskedProperty,
        representation,
        seed,
        hyper,
        limit,
        artifactDir,
        skipBadRows);
  }
}
