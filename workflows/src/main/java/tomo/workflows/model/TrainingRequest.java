package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import tomo.hyper.HyperParameters;

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
 * @param representation what the model sees
 * @param seed split and initialisation seed
 * @param hyper training hyper-parameters
 * @param selection the rows read (all, the first N or a seeded random N) and whether unreadable
 *     ones are skipped (as the sweep's prepare step did, so both see the same rows); in JSON its
 *     flat fields {@code limit}, {@code sample}, {@code sampleSeed}, {@code skipBadRows}
 * @param artifactDir root of the artifact store (results, checkpoints)
 * @param trainer the sweep's trainer ({@code cgcnn} or {@code synthetic}); a training worker
 *     running another one refuses the request. Absent (requests stored or scheduled before sweeps
 *     named their trainer): {@code cgcnn}
 * @param protocol the sweep's protocol, recorded with the training (its choices are in {@code
 *     hyper} and the baseline's masking; the name keeps reports from mixing protocols)
 * @param completeOver the names every row used must have a value of (the sweep's targets and
 *     properties, when it drops incomplete rows and the data has some), sorted; empty: each
 *     training uses the rows that have its target and property
 */
@JsonPropertyOrder({
  "datasetPath",
  "datasetSha256",
  "target",
  "property",
  "maskedProperty",
  "representation",
  "seed",
  "hyper",
  "limit",
  "artifactDir",
  "sample",
  "sampleSeed",
  "trainer",
  "skipBadRows",
  "protocol",
  "completeOver"
})
public record TrainingRequest(
    String datasetPath,
    String datasetSha256,
    String target,
    String property,
    String maskedProperty,
    Representation representation,
    int seed,
    HyperParameters hyper,
    @JsonIgnore RowSelection selection,
    String artifactDir,
    TrainerKind trainer,
    Protocol protocol,
    List<String> completeOver) {

  public TrainingRequest {
    trainer = trainer == null ? SweepTraining.DEFAULT_TRAINER : trainer;
    selection = selection == null ? RowSelection.ALL : selection;
    // absent (requests made before protocols had names): tomo's, which they all followed
    protocol = protocol == null ? Protocol.DEFAULT : protocol;
    completeOver = completeOver == null ? List.of() : List.copyOf(completeOver);
  }

  /**
   * A request as its JSON holds it: the row selection as the flat fields it replaced, in the order
   * requests were always written (stored trainings keep their bytes, and absent fields read as
   * every row, strictly).
   */
  @JsonCreator
  static TrainingRequest fromJson(
      @JsonProperty("datasetPath") String datasetPath,
      @JsonProperty("datasetSha256") String datasetSha256,
      @JsonProperty("target") String target,
      @JsonProperty("property") String property,
      @JsonProperty("maskedProperty") String maskedProperty,
      @JsonProperty("representation") Representation representation,
      @JsonProperty("seed") int seed,
      @JsonProperty("hyper") HyperParameters hyper,
      @JsonProperty("limit") int limit,
      @JsonProperty("artifactDir") String artifactDir,
      @JsonProperty("sample") int sample,
      @JsonProperty("sampleSeed") long sampleSeed,
      @JsonProperty("trainer") TrainerKind trainer,
      @JsonProperty("skipBadRows") boolean skipBadRows,
      @JsonProperty("protocol") Protocol protocol,
      @JsonProperty("completeOver") List<String> completeOver) {
    return new TrainingRequest(
        datasetPath,
        datasetSha256,
        target,
        property,
        maskedProperty,
        representation,
        seed,
        hyper,
        new RowSelection(Rows.of(limit, sample, sampleSeed), skipBadRows),
        artifactDir,
        trainer,
        protocol,
        completeOver);
  }

  @JsonProperty("limit")
  int limitJson() {
    return selection.rows().limit();
  }

  @JsonProperty("sample")
  int sampleJson() {
    return selection.rows().sampleSize();
  }

  @JsonProperty("sampleSeed")
  long sampleSeedJson() {
    return selection.rows().sampleSeed();
  }

  @JsonProperty("skipBadRows")
  boolean skipBadRowsJson() {
    return selection.skipBadRows();
  }

  /** A request built field by field; unset: all rows, the CGCNN trainer, no bad row skipped. */
  public static Builder builder() {
    return new Builder();
  }

  public CellKey cell() {
    return new CellKey(target, property, representation, seed);
  }

  @JsonIgnore
  public boolean isBaseline() {
    return property == null;
  }

  /**
   * Whether this training is a fine-tuning ({@code protocol: finetune}): it starts from the best
   * weights of its {@link #pretrain} and trains {@code hyper.finetuneEpochs} epochs.
   */
  @JsonIgnore
  public boolean isFinetune() {
    return hyper != null && hyper.finetuneEpochs() != null;
  }

  /** The epochs this training runs: its fine-tuning epochs when it is one, else its epochs. */
  @JsonIgnore
  public int epochsToTrain() {
    return isFinetune() ? hyper.finetuneEpochs() : hyper.epochs();
  }

  /** Whether this is the baseline a fine-tuned sweep trains in full, to fine-tune from. */
  @JsonIgnore
  public boolean isPretrain() {
    return protocol == Protocol.FINETUNE && !isFinetune();
  }

  /**
   * The training a fine-tuning starts from: its seed's baseline trained in full (no property, no
   * fine-tuning epochs), the same everything else.
   */
  public TrainingRequest pretrain() {
    return toBuilder().property(null).maskedProperty(null).hyper(hyper.withoutFinetune()).build();
  }

  /** This request on other data: the same training of the dataset whose hash is {@code sha256}. */
  public TrainingRequest withDatasetSha256(String sha256) {
    return toBuilder().datasetSha256(sha256).build();
  }

  /** A builder holding every field of this request. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.datasetPath = datasetPath;
    b.datasetSha256 = datasetSha256;
    b.target = target;
    b.property = property;
    b.maskedProperty = maskedProperty;
    b.representation = representation;
    b.seed = seed;
    b.hyper = hyper;
    b.selection = selection;
    b.artifactDir = artifactDir;
    b.trainer = trainer;
    b.protocol = protocol;
    b.completeOver = completeOver;
    return b;
  }

  /** Builds a request field by field. */
  public static final class Builder {
    private String datasetPath;
    private String datasetSha256;
    private String target;
    private String property;
    private String maskedProperty;
    private Representation representation;
    private int seed;
    private HyperParameters hyper;
    private RowSelection selection = RowSelection.ALL;
    private String artifactDir;
    private TrainerKind trainer = SweepTraining.DEFAULT_TRAINER;
    private Protocol protocol = Protocol.DEFAULT;
    private List<String> completeOver = List.of();

    private Builder() {}

    public Builder protocol(Protocol value) {
      protocol = value;
      return this;
    }

    /** Rows used must have a value of each of {@code names} (kept sorted). */
    public Builder completeOver(List<String> names) {
      completeOver = names.stream().sorted().toList();
      return this;
    }

    /** The dataset file and the hex SHA-256 of its decompressed CSV. */
    public Builder dataset(String path, String sha256) {
      datasetPath = path;
      datasetSha256 = sha256;
      return this;
    }

    public Builder datasetSha256(String value) {
      datasetSha256 = value;
      return this;
    }

    /** The target, added property, representation and seed of {@code cell}. */
    public Builder cell(CellKey cell) {
      target = cell.target();
      property = cell.property();
      representation = cell.representation();
      seed = cell.seed();
      return this;
    }

    public Builder property(String value) {
      property = value;
      return this;
    }

    public Builder maskedProperty(String value) {
      maskedProperty = value;
      return this;
    }

    public Builder hyper(HyperParameters value) {
      hyper = value;
      return this;
    }

    /** The rows read and whether unreadable ones are skipped. */
    public Builder selection(RowSelection value) {
      selection = value;
      return this;
    }

    /** The rows read (all, the first N, a seeded random N). */
    public Builder rows(Rows value) {
      selection = new RowSelection(value, selection.skipBadRows());
      return this;
    }

    public Builder artifactDir(String value) {
      artifactDir = value;
      return this;
    }

    public Builder trainer(TrainerKind value) {
      trainer = value;
      return this;
    }

    public Builder skipBadRows(boolean value) {
      selection = selection.withSkipBadRows(value);
      return this;
    }

    public TrainingRequest build() {
      return new TrainingRequest(
          datasetPath,
          datasetSha256,
          target,
          property,
          maskedProperty,
          representation,
          seed,
          hyper,
          selection,
          artifactDir,
          trainer,
          protocol,
          completeOver);
    }
  }
}
