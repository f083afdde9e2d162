package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tomo.workflows.TaskQueues;
import tomo.workflows.hooks.SweepHooks;

/**
 * What a sweep trains: every (target, property, representation, seed) of the lists below, each
 * compared with its baseline. Read from YAML or JSON by {@link SweepSpecParser}; {@link
 * #normalized(String)} fills defaults and checks every field.
 *
 * @param name a label for people (the sweep id is given at start)
 * @param dataset dataset file path; {@code null} = the default location resolved by the worker
 * @param targets properties predicted
 * @param properties extra properties, each added to the model alone
 * @param representations what the models see: structure and/or composition
 * @param seeds split seeds
 * @param hyper training hyper-parameters (absent fields take CGCNN's published defaults)
 * @param baseline {@code shared} (default) or {@code per-cell}
 * @param limit the first this many rows of the dataset (sorted by material id: not a sample), 0 =
 *     all; excludes {@code sample}
 * @param sample a seeded uniform random subset of this many rows, the same for every training of
 *     the sweep; {@code null} = all rows
 * @param sampleSeed the seed of that subset (default 0; only with {@code sample})
 * @param artifactDir artifact store root (results, checkpoints, reports)
 * @param orchestrationQueue task queue of workflows and light activities
 * @param trainingQueue task queue of training activities
 * @param retryWindowMinutes how long a finished sweep with failed cells waits for a retry signal
 * @param heartbeatSeconds a training whose worker sent no heartbeat for this long is retried
 *     elsewhere (a dead worker is noticed in seconds)
 * @param hooks Airflow DAGs run before training ({@code onStartDag}) and after the report ({@code
 *     onCompleteDag}); {@code null} = none
 * @param trainer which trainer produces the sweep's results: {@code cgcnn} (default, real
 *     trainings) or {@code synthetic}; a training worker running another one refuses the request,
 *     and the report collects this trainer's results
 * @param skipMissing when true, targets and properties the dataset neither holds nor derives are
 *     left out (their cells listed in the report as not run) instead of refusing the sweep
 * @param unavailable the names left out that way (filled by {@code tomo sweep start})
 * @param skipBadRows skip dataset rows that cannot be read (each one counted and listed in the
 *     report's {@code skipped-rows.csv}) instead of failing the sweep on the first; default false
 * @param protocol the named set of choices the trainings follow ({@code tomo}, the default, or
 *     {@code paper}); hyper-parameters and baseline the spec leaves out take its values, and one it
 *     gives against the protocol's fixed choices is refused
 * @param incompleteRows {@code drop} (default, the paper's rule): rows lacking any of the grid's
 *     targets or properties are dropped before the split; {@code keep}: each target trains on the
 *     rows that have it, and a cell whose property lacks values gets a baseline masked to its rows
 * @param rule the report's primary significance rule (Table 1's "significant" list): {@code paired}
 *     (tomo's protocol's default), {@code interval} or {@code paper-bounds} (the paper's protocol's
 *     default); the report shows all three
 * @param nullControl the property whose values, permuted across materials, make the {@link
 *     NullControl} cell of every (target, representation, seed); {@code none} = no control; absent
 *     = {@link NullControl#DEFAULT} ({@link #normalized} fills it in). {@code null} in a spec that
 *     reaches a workflow (one started before the field existed) means no control
 * @param moreSeeds adaptive seeds: open cells get more seeds, up to {@code upTo} ({@link
 *     MoreSeeds}); {@code null} = every cell trains exactly {@code seeds}
 */
public record SweepSpec(
    String name,
    String dataset,
    List<String> targets,
    List<String> properties,
    List<Representation> representations,
    List<Integer> seeds,
    HyperParameters hyper,
    BaselineMode baseline,
    int limit,
    String artifactDir,
    String orchestrationQueue,
    String trainingQueue,
    Integer retryWindowMinutes,
    Integer heartbeatSeconds,
    SweepHooks hooks,
    Integer sample,
    Long sampleSeed,
    TrainerKind trainer,
    boolean skipMissing,
    List<UnavailableName> unavailable,
    boolean skipBadRows,
    Protocol protocol,
    IncompleteRows incompleteRows,
    SignificanceRule rule,
    String nullControl,
    MoreSeeds moreSeeds) {

  /** The trainer of a spec that names none: real CGCNN trainings. */
  public static final TrainerKind DEFAULT_TRAINER = TrainerKind.CGCNN;

  public SweepSpec {
    // absent (a spec file, or a sweep started before specs named their trainer): the default
    trainer = trainer == null ? DEFAULT_TRAINER : trainer;
    // absent (a spec file that names none, or a sweep started before protocols had names): tomo's
    // protocol, whose choices every earlier sweep made; rows as the paper's rule drops them (no
    // earlier sweep's data lacked a value, so none of them dropped a row either way)
    protocol = protocol == null ? Protocol.DEFAULT : protocol;
    incompleteRows = incompleteRows == null ? IncompleteRows.DROP : incompleteRows;
    // absent has one meaning in a file and in a sweep started before the field existed
    hooks = hooks == null ? SweepHooks.none() : hooks;
    unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    retryWindowMinutes =
        retryWindowMinutes == null ? DEFAULT_RETRY_WINDOW_MINUTES : retryWindowMinutes;
    heartbeatSeconds = heartbeatSeconds == null ? DEFAULT_HEARTBEAT_SECONDS : heartbeatSeconds;
  }

  /** How long a finished sweep with failed cells waits for a retry signal, unless the spec says. */
  public static final int DEFAULT_RETRY_WINDOW_MINUTES = 24 * 60;

  /** A training without a heartbeat for this long is retried elsewhere, unless the spec says. */
  public static final int DEFAULT_HEARTBEAT_SECONDS = 30;

  /** A spec with every field absent (each one left so is filled by {@link #normalized}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.dataset = dataset;
    b.targets = targets;
    b.properties = properties;
    b.representations = representations;
    b.seeds = seeds;
    b.hyper = hyper;
    b.baseline = baseline;
    b.limit = limit;
    b.artifactDir = artifactDir;
    b.orchestrationQueue = orchestrationQueue;
    b.trainingQueue = trainingQueue;
    b.retryWindowMinutes = retryWindowMinutes;
    b.heartbeatSeconds = heartbeatSeconds;
    b.hooks = hooks;
    b.sample = sample;
    b.sampleSeed = sampleSeed;
    b.trainer = trainer;
    b.skipMissing = skipMissing;
    b.unavailable = unavailable;
    b.skipBadRows = skipBadRows;
    b.protocol = protocol;
    b.incompleteRows = incompleteRows;
    b.rule = rule;
    b.nullControl = nullControl;
    b.moreSeeds = moreSeeds;
    return b;
  }

  /** This spec trained by {@code trainerName} instead (e.g. {@code synthetic} for drills). */
  public SweepSpec withTrainer(TrainerKind trainerName) {
    return toBuilder().trainer(trainerName).build();
  }

  /**
   * This spec without the cells of {@code missing} (names its dataset neither holds nor derives),
   * which are recorded in {@link #unavailable()} for the report.
   *
   * @throws SweepSpecException when nothing would be left to train
   */
  public SweepSpec without(List<UnavailableName> missing, String source) {
    List<String> t = new ArrayList<>(targets);
    List<String> p = new ArrayList<>(properties);
    String control = nullControl;
    for (UnavailableName m : missing) {
      if (m.field().equals(NULL_CONTROL)) {
        control = NullControl.NONE;
      } else {
        (m.field().equals("targets") ? t : p).remove(m.name());
      }
    }
    if (t.isEmpty() || p.isEmpty()) {
      throw fail(
          source,
          t.isEmpty() ? "targets" : "properties",
          "none is in the dataset, nothing to train ("
              + String.join("; ", missing.stream().map(UnavailableName::reason).toList())
              + ")");
    }
    List<UnavailableName> all = new ArrayList<>(unavailable);
    all.addAll(missing);
    return toBuilder()
        .targets(List.copyOf(t))
        .properties(List.copyOf(p))
        .unavailable(List.copyOf(all))
        .nullControl(control)
        .build();
  }

  /**
   * The rows every training of this (normalized) sweep reads, and whether unreadable ones are
   * skipped: what its training requests carry and the dataset reader is given.
   */
  @JsonIgnore
  public RowSelection selection() {
    return new RowSelection(
        Rows.of(limit, sample == null ? 0 : sample, sampleSeed == null ? 0 : sampleSeed),
        skipBadRows);
  }

  /**
   * What a reader must know of how this (normalized) spec follows its protocol: the paper's values
   * it departs from, a learning-rate milestone the epochs never reach. Printed by {@code sweep
   * start} and in the report.
   */
  @JsonIgnore
  public List<String> protocolNotes() {
    return protocol.notes(hyper);
  }

  /**
   * This (normalized) sweep's grid, data, epochs and batch size under {@code other}'s method: its
   * baseline, init, gain, scaling and milestone. What {@code sweep estimate --protocol} counts to
   * compare what a sweep costs under each protocol.
   */
  public SweepSpec underProtocol(Protocol other) {
    HyperParameters h =
        other.hyper(hyper.epochs()).toBuilder()
            .batchSize(hyper.batchSize())
            .patience(other == Protocol.PAPER ? null : hyper.patience())
            .build();
    return toBuilder()
        .protocol(other)
        .baseline(other.baseline())
        .hyper(h)
        .incompleteRows(other == Protocol.TOMO ? incompleteRows : IncompleteRows.DROP)
        .build()
        .normalized(name);
  }

  /** Name of the spec field that chooses the null control. */
  public static final String NULL_CONTROL = "nullControl";

  /** The null control's property name ({@code permuted:band_gap}), empty when there is none. */
  @JsonIgnore
  public Optional<String> controlProperty() {
    return nullControl == null || nullControl.equals(NullControl.NONE)
        ? Optional.empty()
        : Optional.of(NullControl.property(nullControl));
  }

  /**
   * What each (target, representation, seed) adds to its baseline, one cell each: the properties,
   * then the null control (unless the properties list it already).
   */
  @JsonIgnore
  public List<String> cellProperties() {
    List<String> all = new ArrayList<>(properties);
    controlProperty().filter(c -> !all.contains(c)).ifPresent(all::add);
    return List.copyOf(all);
  }

  /**
   * Trainings with a shared baseline: one per (target, representation, seed) plus each cell; with
   * fine-tuned cells, two per (target, representation, seed): the baseline and its control.
   */
  @JsonIgnore
  public long trainingCount() {
    long groups = (long) targets.size() * representations.size() * seeds.size();
    long cells = groups * cellProperties().size();
    if (baseline == BaselineMode.PER_CELL) {
      return 2 * cells;
    }
    return (protocol == Protocol.FINETUNE ? 2 * groups : groups) + cells;
  }

  /**
   * The most trainings this sweep can take: {@link #trainingCount} when it adds no seeds, else as
   * if every cell got every seed up to {@code moreSeeds.upTo}.
   */
  @JsonIgnore
  public long maxTrainingCount() {
    return withEveryAdaptiveSeed().trainingCount();
  }

  /**
   * This sweep as if every adaptive round extended every cell: its seeds and every seed rounds may
   * add, without {@code moreSeeds} (the most it can cost); itself without {@code moreSeeds}.
   */
  public SweepSpec withEveryAdaptiveSeed() {
    if (moreSeeds == null) {
      return this;
    }
    List<Integer> all = new ArrayList<>(seeds);
    all.addAll(adaptiveSeeds());
    return toBuilder().seeds(List.copyOf(all)).moreSeeds(null).build();
  }

  /** The seeds adaptive rounds may add, in round order (none without {@code moreSeeds}). */
  @JsonIgnore
  public List<Integer> adaptiveSeeds() {
    List<Integer> out = new ArrayList<>();
    if (moreSeeds != null) {
      for (int round = 1; round <= moreSeeds.upTo() - seeds.size(); round++) {
        out.add(seedOfRound(round));
      }
    }
    return out;
  }

  /**
   * The seed adaptive round {@code round} (1, 2, …) adds: the spec's largest seed plus the round,
   * the same for every cell the round extends, so one baseline serves them all.
   */
  public int seedOfRound(int round) {
    return seeds.stream().mapToInt(Integer::intValue).max().orElse(0) + round;
  }

  /** Augmented cells: targets × (properties and the null control) × representations × seeds. */
  @JsonIgnore
  public long cellCount() {
    return (long) targets.size() * cellProperties().size() * representations.size() * seeds.size();
  }

  /**
   * This spec with defaults filled in, or a {@link SweepSpecException} naming {@code source} and
   * the first bad field.
   */
  public SweepSpec normalized(String source) {
    List<String> t = names(source, "targets", targets);
    List<String> p = names(source, "properties", properties);
    List<Representation> r = representations(source);
    if (seeds == null || seeds.isEmpty()) {
      throw fail(source, "seeds", "expected a non-empty list of integers");
    }
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < seeds.size(); i++) {
      Integer s = seeds.get(i);
      if (s == null || s < 0) {
        throw fail(source, "seeds[" + i + "]", "expected an integer >= 0, got " + s);
      }
      if (!seen.add(s)) {
        throw fail(source, "seeds[" + i + "]", "seed " + s + " is listed twice");
      }
    }
    Protocol pr = protocol;
    HyperParameters h = hyper(source, pr);
    BaselineMode b = baseline == null ? pr.baseline() : baseline;
    List<String> conflicts = pr.conflicts(h, b, incompleteRows);
    if (!conflicts.isEmpty()) {
      throw fail(
          source,
          "protocol",
          pr
              + " fixes what these fields give otherwise: "
              + String.join("; ", conflicts)
              + (pr == Protocol.PAPER
                  ? " (leave them out, or use protocol: tomo, whose values a spec may change)"
                  : " (leave them out)"));
    }
    if (limit < 0) {
      throw fail(source, "limit", "expected 0 (all materials) or a positive count, got " + limit);
    }
    if (sample != null && sample < 1) {
      throw fail(
          source,
          "sample",
          "expected a positive number of rows (leave it out for all), got " + sample);
    }
    if (sample != null && limit > 0) {
      throw fail(
          source,
          "sample",
          "give either limit (the first N rows) or sample (a random N rows), not both");
    }
    if (sampleSeed != null && sample == null) {
      throw fail(source, "sampleSeed", "only means something with 'sample'");
    }
    if (retryWindowMinutes < 0) {
      throw fail(source, "retryWindowMinutes", "expected minutes >= 0, got " + retryWindowMinutes);
    }
    if (heartbeatSeconds < 1) {
      throw fail(source, "heartbeatSeconds", "expected at least 1 second, got " + heartbeatSeconds);
    }
    for (int i = 0; i < t.size(); i++) {
      if (NullControl.isControl(t.get(i))) {
        throw fail(source, "targets[" + i + "]", "a permuted control is an input, not a target");
      }
    }
    if (moreSeeds != null && moreSeeds.upTo() <= seeds.size()) {
      throw fail(
          source,
          "moreSeeds.upTo",
          "expected more than the %d seeds listed, got %d"
              .formatted(seeds.size(), moreSeeds.upTo()));
    }
    if (moreSeeds != null && !(moreSeeds.effect() > 0)) {
      throw fail(source, "moreSeeds.effect", "expected a change > 0 %, got " + moreSeeds.effect());
    }
    if (moreSeeds != null && seeds.size() < 2) {
      throw fail(source, "moreSeeds", "needs at least 2 seeds to start from (an interval needs 2)");
    }
    String control = nullControl == null ? NullControl.DEFAULT : nullControl.trim();
    if (control.isEmpty() || control.contains("/") || NullControl.isControl(control)) {
      throw fail(
          source,
          NULL_CONTROL,
          "expected the name of the property to permute (e.g. "
              + NullControl.DEFAULT
              + ") or "
              + NullControl.NONE
              + ", got '"
              + nullControl
              + "'");
    }
    return toBuilder()
        .name(name == null ? "sweep" : name)
        .dataset(blankToNull(dataset))
        .targets(t)
        .properties(p)
        .representations(r)
        .seeds(List.copyOf(seeds))
        .hyper(h)
        .baseline(b)
        .artifactDir(artifactDir == null || artifactDir.isBlank() ? "tomo-artifacts" : artifactDir)
        .orchestrationQueue(
            orchestrationQueue == null ? TaskQueues.ORCHESTRATION : orchestrationQueue)
        .trainingQueue(trainingQueue == null ? TaskQueues.TRAINING : trainingQueue)
        .hooks(hooks(source))
        .sampleSeed(sample == null ? null : sampleSeed == null ? 0L : sampleSeed)
        .rule(rule == null ? pr.rule() : rule)
        .nullControl(control)
        .build();
  }

  private List<Representation> representations(String source) {
    if (representations == null || representations.isEmpty()) {
      throw fail(source, "representations", "expected a non-empty list of names");
    }
    List<Representation> out = new ArrayList<>();
    for (int i = 0; i < representations.size(); i++) {
      Representation r = representations.get(i);
      if (r == null) {
        throw fail(
            source,
            "representations[" + i + "]",
            "expected one of " + String.join(", ", Representation.labels()));
      }
      if (out.contains(r)) {
        throw fail(source, "representations[" + i + "]", "'" + r + "' is listed twice");
      }
      out.add(r);
    }
    return List.copyOf(out);
  }

  private SweepHooks hooks(String source) {
    String start = blankToNull(hooks.onStartDag());
    String complete = blankToNull(hooks.onCompleteDag());
    for (String[] dag :
        new String[][] {{"hooks.onStartDag", start}, {"hooks.onCompleteDag", complete}}) {
      if (dag[1] != null && !dag[1].matches("[A-Za-z0-9_.\\-]+")) {
        throw fail(
            source, dag[0], "'" + dag[1] + "' is not an Airflow DAG id (letters, digits, _ . -)");
      }
    }
    return new SweepHooks(start, complete);
  }

  private HyperParameters hyper(String source, Protocol pr) {
    // absent fields were filled by HyperParameters.fromSpec (and the parser's protocol values);
    // what is here was given
    HyperParameters h = hyper == null ? pr.hyper(HyperParameters.defaults().epochs()) : hyper;
    if (h.epochs() < 1) {
      throw fail(source, "hyper.epochs", "expected at least 1 epoch, got " + h.epochs());
    }
    if (h.batchSize() < 1) {
      throw fail(source, "hyper.batchSize", "expected at least 1, got " + h.batchSize());
    }
    if (h.optimizer() == null) {
      throw fail(
          source, "hyper.optimizer", "expected one of " + String.join(", ", Optimizer.labels()));
    }
    if (!(h.learningRate() > 0)) {
      throw fail(source, "hyper.learningRate", "expected > 0, got " + h.learningRate());
    }
    if (h.patience() != null && h.patience() < 1) {
      throw fail(source, "hyper.patience", "expected at least 1 epoch, got " + h.patience());
    }
    if (h.momentum() < 0 || h.momentum() >= 1) {
      throw fail(source, "hyper.momentum", "expected 0 <= momentum < 1, got " + h.momentum());
    }
    if (h.milestone() < 1) {
      throw fail(source, "hyper.milestone", "expected an epoch >= 1, got " + h.milestone());
    }
    return h;
  }

  private static List<String> names(String source, String field, List<String> values) {
    if (values == null || values.isEmpty()) {
      throw fail(source, field, "expected a non-empty list of names");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      if (v == null || v.isBlank() || v.contains("/")) {
        throw fail(source, field + "[" + i + "]", "expected a name without '/', got '" + v + "'");
      }
      if (out.contains(v)) {
        throw fail(source, field + "[" + i + "]", "'" + v + "' is listed twice");
      }
      out.add(v);
    }
    return List.copyOf(out);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static SweepSpecException fail(String source, String field, String what) {
    return new SweepSpecException(source + ": field '" + field + "': " + what);
  }

  /** Builds a spec field by field; what is left unset is absent, as in a spec file. */
  public static final class Builder {
    private String name;
    private String dataset;
    private List<String> targets;
    private List<String> properties;
    private List<Representation> representations;
    private List<Integer> seeds;
    private HyperParameters hyper;
    private BaselineMode baseline;
    private int limit;
    private String artifactDir;
    private String orchestrationQueue;
    private String trainingQueue;
    private Integer retryWindowMinutes;
    private Integer heartbeatSeconds;
    private SweepHooks hooks;
    private Integer sample;
    private Long sampleSeed;
    private TrainerKind trainer;
    private boolean skipMissing;
    private List<UnavailableName> unavailable;
    private boolean skipBadRows;
    private Protocol protocol;
    private IncompleteRows incompleteRows;
    private SignificanceRule rule;
    private String nullControl;
    private MoreSeeds moreSeeds;

    private Builder() {}

    /** Adaptive seeds; null: none. */
    public Builder moreSeeds(MoreSeeds value) {
      moreSeeds = value;
      return this;
    }

    public Builder protocol(Protocol value) {
      protocol = value;
      return this;
    }

    public Builder incompleteRows(IncompleteRows value) {
      incompleteRows = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder dataset(String value) {
      dataset = value;
      return this;
    }

    public Builder targets(List<String> value) {
      targets = value;
      return this;
    }

    public Builder properties(List<String> value) {
      properties = value;
      return this;
    }

    public Builder representations(List<Representation> value) {
      representations = value;
      return this;
    }

    public Builder seeds(List<Integer> value) {
      seeds = value;
      return this;
    }

    public Builder hyper(HyperParameters value) {
      hyper = value;
      return this;
    }

    public Builder baseline(BaselineMode value) {
      baseline = value;
      return this;
    }

    public Builder limit(int value) {
      limit = value;
      return this;
    }

    public Builder artifactDir(String value) {
      artifactDir = value;
      return this;
    }

    public Builder orchestrationQueue(String value) {
      orchestrationQueue = value;
      return this;
    }

    public Builder trainingQueue(String value) {
      trainingQueue = value;
      return this;
    }

    public Builder retryWindowMinutes(Integer value) {
      retryWindowMinutes = value;
      return this;
    }

    public Builder heartbeatSeconds(Integer value) {
      heartbeatSeconds = value;
      return this;
    }

    public Builder hooks(SweepHooks value) {
      hooks = value;
      return this;
    }

    public Builder sample(Integer value) {
      sample = value;
      return this;
    }

    public Builder sampleSeed(Long value) {
      sampleSeed = value;
      return this;
    }

    public Builder trainer(TrainerKind value) {
      trainer = value;
      return this;
    }

    public Builder skipMissing(boolean value) {
      skipMissing = value;
      return this;
    }

    public Builder unavailable(List<UnavailableName> value) {
      unavailable = value;
      return this;
    }

    public Builder skipBadRows(boolean value) {
      skipBadRows = value;
      return this;
    }

    public Builder rule(SignificanceRule value) {
      rule = value;
      return this;
    }

    public Builder nullControl(String value) {
      nullControl = value;
      return this;
    }

    public SweepSpec build() {
      return new SweepSpec(
          name,
          dataset,
          targets,
          properties,
          representations,
          seeds,
          hyper,
          baseline,
          limit,
          artifactDir,
          orchestrationQueue,
          trainingQueue,
          retryWindowMinutes,
          heartbeatSeconds,
          hooks,
          sample,
          sampleSeed,
          trainer,
          skipMissing,
          unavailable,
          skipBadRows,
          protocol,
          incompleteRows,
          rule,
          nullControl,
          moreSeeds);
    }
  }
}
