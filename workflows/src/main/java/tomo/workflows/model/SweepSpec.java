package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tomo.hyper.HyperParameters;
import tomo.hyper.Optimizer;
import tomo.workflows.TaskQueues;
import tomo.workflows.hooks.SweepHooks;

/**
 * What a sweep trains, in the parts a reader thinks in: the {@link SweepGrid grid} (which cells),
 * the {@link DataSelection data} (which file and rows), the {@link SweepTraining training} (how the
 * numbers are made and judged) and the {@link SweepRuntime runtime} (where it runs). Written flat
 * in JSON, as spec files are: a sweep's workflows carry it so, and specs and sweeps stored before
 * it had parts read the same.
 *
 * <p>A spec file is read into a {@link Builder} (absent fields left unset) by {@link
 * SweepSpecParser}; {@link Builder#normalized(String)} fills the defaults and checks every field,
 * naming the first bad one.
 *
 * @param name a label for people (the sweep id is given at start)
 * @param grid targets, properties, representations, seeds, the null control, adaptive seeds
 * @param data the dataset, its rows and the policies for bad rows and missing names
 * @param training hyper-parameters, baseline, trainer, protocol and significance rule
 * @param runtime artifact store, task queues, timeouts and hooks
 */
public record SweepSpec(
    String name,
    @JsonUnwrapped SweepGrid grid,
    @JsonUnwrapped DataSelection data,
    @JsonUnwrapped SweepTraining training,
    @JsonUnwrapped SweepRuntime runtime) {

  /** Name of the spec field that chooses the null control. */
  public static final String NULL_CONTROL = "nullControl";

  /** A spec with every field absent (each one left so is filled by {@link Builder#normalized}). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this spec. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.name = name;
    b.targets = grid.targets();
    b.properties = grid.properties();
    b.representations = grid.representations();
    b.seeds = grid.seeds();
    b.nullControl = grid.nullControl();
    b.moreSeeds = grid.moreSeeds();
    b.dataset = data.dataset();
    b.rows(data.selection().rows());
    b.skipBadRows = data.selection().skipBadRows();
    b.skipMissing = data.skipMissing();
    b.unavailable = data.unavailable();
    b.incompleteRows = data.incompleteRows();
    b.hyper = training.hyper();
    b.baseline = training.baseline();
    b.trainer = training.trainer();
    b.protocol = training.protocol();
    b.rule = training.rule();
    b.artifactDir = runtime.artifactDir();
    b.orchestrationQueue = runtime.orchestrationQueue();
    b.trainingQueue = runtime.trainingQueue();
    b.retryWindowMinutes = runtime.retryWindowMinutes();
    b.heartbeatSeconds = runtime.heartbeatSeconds();
    b.hooks = runtime.hooks();
    return b;
  }

  /** This spec trained by {@code trainerName} instead (e.g. {@code synthetic} for drills). */
  public SweepSpec withTrainer(TrainerKind trainerName) {
    return toBuilder().trainer(trainerName).build();
  }

  /**
   * This spec without the cells of {@code missing} (names its dataset neither holds nor derives),
   * which are recorded in {@link DataSelection#unavailable()} for the report.
   *
   * @throws SweepSpecException when nothing would be left to train
   */
  public SweepSpec without(List<UnavailableName> missing, String source) {
    List<String> t = new ArrayList<>(grid.targets());
    List<String> p = new ArrayList<>(grid.properties());
    String control = grid.nullControl();
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
    List<UnavailableName> all = new ArrayList<>(data.unavailable());
    all.addAll(missing);
    return toBuilder()
        .targets(List.copyOf(t))
        .properties(List.copyOf(p))
        .unavailable(List.copyOf(all))
        .nullControl(control)
        .build();
  }

  /**
   * This (normalized) sweep's grid, data, epochs and batch size under {@code other}'s method: its
   * baseline, init, gain, scaling and milestone. What {@code sweep estimate --protocol} counts to
   * compare what a sweep costs under each protocol.
   */
  public SweepSpec underProtocol(Protocol other) {
    HyperParameters hyper = training.hyper();
    HyperParameters h =
        other.hyper(hyper.epochs()).toBuilder()
            .batchSize(hyper.batchSize())
            .patience(other == Protocol.PAPER ? null : hyper.patience())
            .build();
    return toBuilder()
        .protocol(other)
        .baseline(other.baseline())
        .hyper(h)
        .incompleteRows(other == Protocol.TOMO ? data.incompleteRows() : IncompleteRows.DROP)
        .build()
        .normalized(name);
  }

  /**
   * Trainings with a shared baseline: one per (target, representation, seed) plus each cell; with
   * fine-tuned cells, two per (target, representation, seed): the baseline and its control.
   */
  @JsonIgnore
  public long trainingCount() {
    long groups = grid.groupCount();
    long cells = grid.cellCount();
    if (training.baseline() == BaselineMode.PER_CELL) {
      return 2 * cells;
    }
    return (training.protocol() == Protocol.FINETUNE ? 2 * groups : groups) + cells;
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
    if (grid.moreSeeds() == null) {
      return this;
    }
    List<Integer> all = new ArrayList<>(grid.seeds());
    all.addAll(grid.adaptiveSeeds());
    return toBuilder().seeds(List.copyOf(all)).moreSeeds(null).build();
  }

  /**
   * This spec with defaults filled in, or a {@link SweepSpecException} naming {@code source} and
   * the first bad field.
   */
  public SweepSpec normalized(String source) {
    return toBuilder().normalized(source);
  }

  private static SweepSpecException fail(String source, String field, String what) {
    return new SweepSpecException(source + ": field '" + field + "': " + what);
  }

  /**
   * A spec field by field, flat as in a spec file: what is left unset is absent. {@link
   * SweepSpecParser} reads a file into one (its fields are the file's fields, so a field it does
   * not know is refused by name); {@link #normalized} makes the spec, {@link #build} takes the
   * fields as they are.
   */
  @JsonAutoDetect(
      fieldVisibility = JsonAutoDetect.Visibility.ANY,
      getterVisibility = JsonAutoDetect.Visibility.NONE,
      isGetterVisibility = JsonAutoDetect.Visibility.NONE,
      setterVisibility = JsonAutoDetect.Visibility.NONE)
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

    /** The protocol given, or tomo's when the spec names none. */
    Protocol protocolOrDefault() {
      return protocol == null ? Protocol.DEFAULT : protocol;
    }

    /** The hyper-parameters given, null when the spec has no {@code hyper} block. */
    HyperParameters hyper() {
      return hyper;
    }

    /** The spec as given, unchecked: absent fields stay absent. */
    public SweepSpec build() {
      return new SweepSpec(
          name,
          new SweepGrid(targets, properties, representations, seeds, nullControl, moreSeeds),
          new DataSelection(
              dataset,
              RowSelection.of(limit, sample, sampleSeed, skipBadRows),
              skipMissing,
              unavailable,
              incompleteRows),
          new SweepTraining(hyper, baseline, trainer, protocol, rule),
          new SweepRuntime(
              artifactDir,
              orchestrationQueue,
              trainingQueue,
              retryWindowMinutes,
              heartbeatSeconds,
              hooks));
    }

    /**
     * The spec with defaults filled in, or a {@link SweepSpecException} naming {@code source} and
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
      Protocol pr = protocolOrDefault();
      HyperParameters h = hyper(source, pr);
      BaselineMode b = baseline == null ? pr.baseline() : baseline;
      IncompleteRows rows = incompleteRows == null ? IncompleteRows.DROP : incompleteRows;
      List<String> conflicts = pr.conflicts(h, b, rows);
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
      if (retryWindowMinutes != null && retryWindowMinutes < 0) {
        throw fail(
            source, "retryWindowMinutes", "expected minutes >= 0, got " + retryWindowMinutes);
      }
      if (heartbeatSeconds != null && heartbeatSeconds < 1) {
        throw fail(
            source, "heartbeatSeconds", "expected at least 1 second, got " + heartbeatSeconds);
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
        throw fail(
            source, "moreSeeds.effect", "expected a change > 0 %, got " + moreSeeds.effect());
      }
      if (moreSeeds != null && seeds.size() < 2) {
        throw fail(
            source, "moreSeeds", "needs at least 2 seeds to start from (an interval needs 2)");
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
      // the given fields with every default filled in, in a copy: this builder stays as read
      return build().toBuilder()
          .name(name == null ? "sweep" : name)
          .targets(t)
          .properties(p)
          .representations(r)
          .seeds(List.copyOf(seeds))
          .nullControl(control)
          .dataset(blankToNull(dataset))
          .incompleteRows(rows)
          .hyper(h)
          .baseline(b)
          .protocol(pr)
          .rule(rule == null ? pr.rule() : rule)
          .artifactDir(
              artifactDir == null || artifactDir.isBlank() ? "tomo-artifacts" : artifactDir)
          .orchestrationQueue(
              orchestrationQueue == null ? TaskQueues.ORCHESTRATION : orchestrationQueue)
          .trainingQueue(trainingQueue == null ? TaskQueues.TRAINING : trainingQueue)
          .hooks(hooks(source))
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
      if (hooks == null) {
        return SweepHooks.none();
      }
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

    /** The rows every training reads. */
    public Builder rows(Rows value) {
      limit = value.limit();
      sample = value instanceof Rows.Sample s ? s.count() : null;
      sampleSeed = value instanceof Rows.Sample s ? s.seed() : null;
      return this;
    }
  }
}
