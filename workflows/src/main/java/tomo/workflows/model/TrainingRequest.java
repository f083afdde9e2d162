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
 * @param limit the first this many rows of the dataset (0 = all)
 * @param artifactDir root of the artifact store (results, checkpoints)
 * @param sample a seeded uniform random subset of this many rows (0 = all rows); part of the
 *     content hash only when set, so results stored before samples existed keep their hash
 * @param sampleSeed the seed of that subset
 * @param trainer the sweep's trainer ({@code cgcnn} or {@code synthetic}); a training worker
 *     running another one refuses the request. Absent (requests stored or scheduled before sweeps
 *     named their trainer): {@code cgcnn}
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
    int sample,
    long sampleSeed,
    TrainerKind trainer,
    boolean skipBadRows) {

  public TrainingRequest {
    trainer = trainer == null ? SweepSpec.DEFAULT_TRAINER : trainer;
  }

  /** A CGCNN training of all rows (or the first {@code limit}) that fails on the first bad row. */
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
        0,
        0,
        SweepSpec.DEFAULT_TRAINER,
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
        sample,
        sampleSeed,
        trainer,
        skipBadRows);
  }
}
