package tomo.activities.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.TrainingOutcome;

/**
 * The gates that say whether a sweep's models were good enough to measure feature importance at
 * all, each with its threshold. A failed gate is a warning in every report format, never a refusal:
 * the numbers are still shown, marked as doubtful.
 *
 * @param baselines per (target, representation), the baseline against the trivial predictor
 * @param diagonal the cells where the target is added as its own property, if the grid holds any
 * @param convergence how many trainings were still improving at their last epoch
 * @param controls the null-control cells ({@code permuted:band_gap}), if the sweep ran any
 */
public record ReportChecks(
    List<BaselineCheck> baselines,
    List<CellSummary> diagonal,
    ConvergenceCheck convergence,
    List<CellSummary> controls) {

  /**
   * A baseline must reach less than this fraction of the trivial predictor's test error. CGCNN's
   * published errors on Materials Project targets are a small fraction of the mean predictor's; a
   * model that does not even halve it has learned little of the structure–property map, and a
   * change of a few % in its error says more about the training than about the added property.
   */
  public static final double BASELINE_MAX_RATIO = 0.5;

  /**
   * Given the target itself as input, the mean change must be below this (in %). The answer is in
   * the input, so a trained model should come close to removing its error; converged models gave
   * −59 % (formation energy, composition, 150 epochs) where 12 epochs gave −4.6 %.
   */
  public static final double DIAGONAL_MAX_MEAN_CHANGE_PERCENT = -20;

  /**
   * At most this share of trainings may have their best validation epoch at their last. Above it,
   * most errors were still falling when training stopped, so a difference between two trainings
   * mixes the added information with how fast each happened to learn.
   */
  public static final double CONVERGENCE_MAX_SHARE = 0.25;

  /**
   * A null control (a property permuted across materials: no information about the target) must not
   * be significant under any of the report's rules, and its |mean change| must not exceed this (in
   * %). With tight pairs a cell's change spreads over seeds by 0.4–1.4 points (bench/README.md,
   * "Tight pairs"), so 5 % is several times that noise: a control beyond it means the protocol
   * itself moves the error (one more input, more weights, another optimisation path), and a finding
   * of that size cannot be told from it.
   */
  public static final double CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT = 5;

  public ReportChecks {
    baselines = List.copyOf(baselines);
    diagonal = List.copyOf(diagonal);
    controls = List.copyOf(controls);
  }

  /**
   * The significance rules under which {@code cell} comes out significant, by their labels; empty
   * when none (an incomplete cell is significant under none). The null-control gate applies every
   * rule there is.
   */
  public static List<String> significantUnder(CellSummary cell) {
    List<String> rules = new ArrayList<>();
    for (SignificanceRule rule : SignificanceRule.values()) {
      if (cell.significant(rule)) {
        rules.add(rule.label());
      }
    }
    return rules;
  }

  /**
   * Whether a diagonal cell passes: its mean change below {@link #DIAGONAL_MAX_MEAN_CHANGE_PERCENT}
   * (a NaN mean fails).
   */
  public static boolean diagonalPasses(CellSummary diagonal) {
    return diagonal.meanChangePercent() < DIAGONAL_MAX_MEAN_CHANGE_PERCENT;
  }

  /**
   * Whether a null control passes: significant under no rule, |mean change| at most {@link
   * #CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT}.
   */
  public static boolean controlPasses(CellSummary control) {
    return significantUnder(control).isEmpty()
        && Math.abs(control.meanChangePercent()) <= CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT;
  }

  /** Why a failed null control fails, e.g. "significant (every seed lowered the error)". */
  static String controlFailure(CellSummary control) {
    List<String> why = new ArrayList<>();
    List<String> rules = significantUnder(control);
    if (!rules.isEmpty()) {
      why.add("significant (" + String.join(", ", rules) + ")");
    }
    if (Math.abs(control.meanChangePercent()) > CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT) {
      why.add(
          "|mean change| "
              + ReportFormat.number(Math.abs(control.meanChangePercent()))
              + " % above "
              + ReportFormat.number(CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT)
              + " %");
    }
    return String.join(" and ", why);
  }

  /** Computes the checks of a report from its trainings and diagonal cells. */
  static ReportChecks of(SweepReport report) {
    // Per (target, representation), in report order: baselines with and without a reference.
    record Key(String target, Representation representation) {}
    Map<Key, List<Integer>> baselineIndexes = new LinkedHashMap<>();
    for (String target : report.targets()) {
      for (Representation representation : report.representations()) {
        baselineIndexes.put(new Key(target, representation), new ArrayList<>());
      }
    }
    int checked = 0;
    int atLast = 0;
    int unrecorded = 0;
    for (int i = 0; i < report.trainings().size(); i++) {
      TrainingOutcome t = report.trainings().get(i);
      TrainingProvenance p = report.provenance().get(i);
      if (t.property() == null) {
        baselineIndexes
            .computeIfAbsent(new Key(t.target(), t.representation()), k -> new ArrayList<>())
            .add(i);
      }
      if (p.epochs() == null) {
        unrecorded++;
      } else {
        checked++;
        if (t.bestEpoch() >= p.epochs()) {
          atLast++;
        }
      }
    }
    List<BaselineCheck> baselines = new ArrayList<>();
    baselineIndexes.forEach(
        (key, indexes) -> {
          if (indexes.isEmpty()) {
            return;
          }
          List<Integer> withReference =
              indexes.stream()
                  .filter(i -> report.provenance().get(i).referenceTestMetric() != null)
                  .toList();
          List<Integer> used = withReference.isEmpty() ? indexes : withReference;
          double baseline =
              used.stream()
                  .mapToDouble(i -> report.trainings().get(i).testMetric())
                  .average()
                  .orElseThrow();
          Double reference =
              withReference.isEmpty()
                  ? null
                  : withReference.stream()
                      .mapToDouble(i -> report.provenance().get(i).referenceTestMetric())
                      .average()
                      .orElseThrow();
          baselines.add(
              new BaselineCheck(
                  key.target(),
                  key.representation(),
                  report.trainings().get(used.get(0)).metric(),
                  used.size(),
                  baseline,
                  reference));
        });
    return new ReportChecks(
        baselines,
        report.diagonal(),
        new ConvergenceCheck(checked, atLast, unrecorded),
        report.controls());
  }

  /** The thresholds of every gate, in one sentence for report texts. */
  public static String thresholds() {
    return String.format(
        Locale.ROOT,
        "Gates: a baseline's test error must be below %s × the trivial predictor's (mean, or"
            + " majority class); the target added as its own property must lower the error by"
            + " more than %s %% on average (mean change below %s %%); at most %s %% of trainings"
            + " may have their best validation epoch at their last; a null control (a property"
            + " permuted across materials) must be significant under no rule and change the error"
            + " by at most %s %% in magnitude.",
        ReportFormat.number(BASELINE_MAX_RATIO),
        ReportFormat.number(-DIAGONAL_MAX_MEAN_CHANGE_PERCENT),
        ReportFormat.number(DIAGONAL_MAX_MEAN_CHANGE_PERCENT),
        ReportFormat.number(100 * CONVERGENCE_MAX_SHARE),
        ReportFormat.number(CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT));
  }

  /** One line per failed gate, each stating its threshold; empty when every gate passes. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    List<String> unreferenced = new ArrayList<>();
    for (BaselineCheck b : baselines) {
      if (b.ratio() == null) {
        unreferenced.add(b.target() + "/" + b.representation());
      } else if (!b.beatsReference()) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "Weak baseline %s/%s: test %s %s is %s × the %s's %s (threshold: below %s ×);"
                    + " the model %s the trivial predictor, so its cells are doubtful.",
                b.target(),
                b.representation(),
                b.metric(),
                ReportFormat.number(b.meanBaselineMetric()),
                ReportFormat.number(b.ratio()),
                b.referenceName(),
                ReportFormat.number(b.meanReferenceMetric()),
                ReportFormat.number(BASELINE_MAX_RATIO),
                b.ratio() < 1 ? "barely beats" : "does not beat"));
      }
    }
    if (!unreferenced.isEmpty()) {
      warnings.add(
          "Baseline unchecked for "
              + String.join(", ", unreferenced)
              + ": no trivial-predictor error recorded (synthetic trainer or an older"
              + " trainings.csv).");
    }
    for (CellSummary d : diagonal) {
      if (!diagonalPasses(d)) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "Diagonal check failed for %s/%s: given the target itself as input, the error"
                    + " changed by only %s %% (threshold: below %s %%); the models are not trained"
                    + " enough to measure feature importance.",
                d.target(),
                d.representation(),
                ReportFormat.percent(d.meanChangePercent()),
                ReportFormat.number(DIAGONAL_MAX_MEAN_CHANGE_PERCENT)));
      }
    }
    for (CellSummary c : controls) {
      if (!controlPasses(c)) {
        warnings.add(
            String.format(
                Locale.ROOT,
                "Null control failed for %s/%s: %s, which carries no information about the"
                    + " target, changed the error by %s %% [%s, %s]: %s (threshold: significant"
                    + " under no rule, |mean change| at most %s %%); the protocol, not the"
                    + " property, moves the error, so findings of this size are doubtful.",
                c.target(),
                c.representation(),
                SweepReport.controlLabel(c.property()),
                ReportFormat.percent(c.meanChangePercent()),
                ReportFormat.percent(c.minChangePercent()),
                ReportFormat.percent(c.maxChangePercent()),
                controlFailure(c),
                ReportFormat.number(CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT)));
      }
    }
    if (!convergence.passes()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "Not converged: %d of %d trainings (%s %%) had their best validation epoch at their"
                  + " last (threshold: at most %s %%); their errors were still falling, train"
                  + " longer.",
              convergence.atLastEpoch(),
              convergence.checked(),
              ReportFormat.number(100 * convergence.shareAtLastEpoch()),
              ReportFormat.number(100 * CONVERGENCE_MAX_SHARE)));
    }
    if (convergence.unrecorded() > 0) {
      warnings.add(
          "Convergence unchecked for "
              + convergence.unrecorded()
              + " trainings: epoch count not recorded (an older trainings.csv).");
    }
    return warnings;
  }

  /**
   * Short tags of the warnings that bear on one (target, representation)'s cells, for the per-row
   * columns of the CSV files: a weak or unchecked baseline, a failed diagonal check, a failed null
   * control, and a failed convergence gate (which bears on every cell).
   */
  public List<String> cellWarnings(String target, Representation representation) {
    List<String> tags = new ArrayList<>();
    baselines.stream()
        .filter(b -> b.target().equals(target) && b.representation() == representation)
        .forEach(
            b -> {
              if (b.ratio() == null) {
                tags.add("baseline unchecked");
              } else if (!b.beatsReference()) {
                tags.add(
                    "weak baseline ("
                        + ReportFormat.number(b.ratio())
                        + " × "
                        + b.referenceName()
                        + ", threshold < "
                        + ReportFormat.number(BASELINE_MAX_RATIO)
                        + ")");
              }
            });
    diagonal.stream()
        .filter(d -> d.target().equals(target) && d.representation() == representation)
        .filter(d -> !diagonalPasses(d))
        .forEach(
            d ->
                tags.add(
                    "diagonal check failed ("
                        + ReportFormat.percent(d.meanChangePercent())
                        + " %, threshold < "
                        + ReportFormat.number(DIAGONAL_MAX_MEAN_CHANGE_PERCENT)
                        + " %)"));
    controls.stream()
        .filter(c -> c.target().equals(target) && c.representation() == representation)
        .filter(c -> !controlPasses(c))
        .forEach(
            c ->
                tags.add(
                    "null control failed ("
                        + c.property()
                        + " "
                        + ReportFormat.percent(c.meanChangePercent())
                        + " %, "
                        + controlFailure(c)
                        + "; threshold: significant under no rule, |mean| ≤ "
                        + ReportFormat.number(CONTROL_MAX_ABS_MEAN_CHANGE_PERCENT)
                        + " %)"));
    if (!convergence.passes()) {
      tags.add(
          "not converged ("
              + ReportFormat.number(100 * convergence.shareAtLastEpoch())
              + " % best at last epoch, threshold ≤ "
              + ReportFormat.number(100 * CONVERGENCE_MAX_SHARE)
              + " %)");
    }
    return tags;
  }
}
