package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * @param representations {@code structure} and/or {@code composition}
 * @param seeds split seeds
 * @param hyper training hyper-parameters (missing fields take CGCNN defaults)
 * @param baseline {@code shared} (default) or {@code per-cell}
 * @param limit materials used per training, 0 = all
 * @param artifactDir artifact store root (results, checkpoints, reports)
 * @param orchestrationQueue task queue of workflows and light activities
 * @param trainingQueue task queue of training activities
 * @param retryWindowMinutes how long a finished sweep with failed cells waits for a retry signal
 * @param heartbeatSeconds a training whose worker sent no heartbeat for this long is retried
 *     elsewhere (a dead worker is noticed in seconds)
 * @param hooks Airflow DAGs run before training ({@code onStartDag}) and after the report ({@code
 *     onCompleteDag}); {@code null} = none
 */
public record SweepSpec(
    String name,
    String dataset,
    List<String> targets,
    List<String> properties,
    List<String> representations,
    List<Integer> seeds,
    HyperParameters hyper,
    BaselineMode baseline,
    int limit,
    String artifactDir,
    String orchestrationQueue,
    String trainingQueue,
    Integer retryWindowMinutes,
    Integer heartbeatSeconds,
    SweepHooks hooks) {

  /** The representations a model can see. */
  public static final List<String> REPRESENTATIONS = List.of("structure", "composition");

  /** A spec without Airflow hooks. */
  public SweepSpec(
      String name,
      String dataset,
      List<String> targets,
      List<String> properties,
      List<String> representations,
      List<Integer> seeds,
      HyperParameters hyper,
      BaselineMode baseline,
      int limit,
      String artifactDir,
      String orchestrationQueue,
      String trainingQueue,
      Integer retryWindowMinutes,
      Integer heartbeatSeconds) {
    this(
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
        null);
  }

  /** The hooks, never null. */
  @JsonIgnore
  public SweepHooks hooksOrNone() {
    return hooks == null ? SweepHooks.none() : hooks;
  }

  /** Trainings with a shared baseline: one per (target, representation, seed) plus each cell. */
  @JsonIgnore
  public long trainingCount() {
    long groups = (long) targets.size() * representations.size() * seeds.size();
    long cells = groups * properties.size();
    return baseline == BaselineMode.PER_CELL ? 2 * cells : groups + cells;
  }

  /** Augmented cells: targets × properties × representations × seeds. */
  @JsonIgnore
  public long cellCount() {
    return (long) targets.size() * properties.size() * representations.size() * seeds.size();
  }

  /**
   * This spec with defaults filled in, or a {@link SweepSpecException} naming {@code source} and
   * the first bad field.
   */
  public SweepSpec normalized(String source) {
    List<String> t = names(source, "targets", targets);
    List<String> p = names(source, "properties", properties);
    List<String> r = names(source, "representations", representations);
    for (int i = 0; i < r.size(); i++) {
      if (!REPRESENTATIONS.contains(r.get(i))) {
        throw fail(
            source,
            "representations[" + i + "]",
            "'" + r.get(i) + "' is not one of " + String.join(", ", REPRESENTATIONS));
      }
    }
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
    HyperParameters h = hyper(source);
    if (limit < 0) {
      throw fail(source, "limit", "expected 0 (all materials) or a positive count, got " + limit);
    }
    int window = retryWindowMinutes == null ? 24 * 60 : retryWindowMinutes;
    if (window < 0) {
      throw fail(source, "retryWindowMinutes", "expected minutes >= 0, got " + window);
    }
    int heartbeat = heartbeatSeconds == null ? 30 : heartbeatSeconds;
    if (heartbeat < 1) {
      throw fail(source, "heartbeatSeconds", "expected at least 1 second, got " + heartbeat);
    }
    return new SweepSpec(
        name == null ? "sweep" : name,
        blankToNull(dataset),
        t,
        p,
        r,
        List.copyOf(seeds),
        h,
        baseline == null ? BaselineMode.SHARED : baseline,
        limit,
        artifactDir == null || artifactDir.isBlank() ? "tomo-artifacts" : artifactDir,
        orchestrationQueue == null ? TaskQueues.ORCHESTRATION : orchestrationQueue,
        trainingQueue == null ? TaskQueues.TRAINING : trainingQueue,
        window,
        heartbeat,
        hooks(source));
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

  private HyperParameters hyper(String source) {
    HyperParameters d = HyperParameters.defaults();
    if (hyper == null) {
      return d;
    }
    HyperParameters h =
        new HyperParameters(
            hyper.epochs() == 0 ? d.epochs() : hyper.epochs(),
            hyper.batchSize() == 0 ? d.batchSize() : hyper.batchSize(),
            hyper.optimizer() == null ? d.optimizer() : hyper.optimizer(),
            hyper.learningRate() == 0 ? d.learningRate() : hyper.learningRate(),
            hyper.momentum(),
            hyper.milestone() == 0 ? d.milestone() : hyper.milestone(),
            hyper.patience());
    if (h.epochs() < 1) {
      throw fail(source, "hyper.epochs", "expected at least 1 epoch, got " + h.epochs());
    }
    if (h.batchSize() < 1) {
      throw fail(source, "hyper.batchSize", "expected at least 1, got " + h.batchSize());
    }
    if (!h.optimizer().equals("sgd") && !h.optimizer().equals("adam")) {
      throw fail(source, "hyper.optimizer", "'" + h.optimizer() + "' is not one of sgd, adam");
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
}
