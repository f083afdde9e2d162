package tomo.activities.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/**
 * Turns a sweep's finished trainings into the paper's statistics.
 *
 * <p>Each augmented training is paired with the baseline of the same target, representation and
 * seed (a baseline is a training whose property is {@code null}); its change is 100 × (metric_aug −
 * metric_base) / metric_base, with the test MAE for numeric targets and the error rate for
 * categorical ones. Per (target, property, representation) the mean, minimum and maximum over seeds
 * are reported, with the per-seed changes, how many seeds improved, a paired 95 % t-interval of the
 * mean change ({@link MeanChangeInterval}) and the bar of the paper's plot script ({@link
 * PaperBounds}); {@link CellSummary#significant} judges a cell under each {@link
 * tomo.workflows.model.SignificanceRule}, and {@link ReportCriteria} names the primary one. A cell
 * that lacks a seed of the sweep, or has fewer than two, is incomplete and never significant. A
 * target added as its own property is summarized apart, as the diagonal check ({@link
 * SweepReport#diagonal()}), and so is a null control ({@link NullControl}, {@link
 * SweepReport#controls()}).
 *
 * <p>Nothing is dropped silently: a training without its counterpart, a baseline of zero error, or
 * a metric that differs between the two ends up in {@link SweepReport#missing()} with the reason.
 *
 * <p>Order: targets and properties follow the preferred order given to the constructor (for example
 * the paper's), then the remaining names alphabetically; {@code structure} comes before {@code
 * composition}.
 */
public final class SweepAggregator {

  private final NameOrder propertyOrder;
  private final ReportCriteria criteria;

  /** Seeds adaptive rounds added, by "target|property|representation" (none: empty). */
  private final Map<String, List<Integer>> addedSeeds;

  /** Orders targets and properties alphabetically; the seeds of the trainings, paired primary. */
  public SweepAggregator() {
    this(List.of());
  }

  /**
   * The seeds of the trainings are taken as the sweep's, the paired rule as the primary one.
   *
   * @param preferredPropertyOrder property names (used for both targets and added properties) to
   *     list first, in this order
   */
  public SweepAggregator(List<String> preferredPropertyOrder) {
    this(preferredPropertyOrder, ReportCriteria.defaults());
  }

  /**
   * @param preferredPropertyOrder property names (used for both targets and added properties) to
   *     list first, in this order
   * @param criteria the primary rule and the sweep's seeds, which every cell must hold to be judged
   */
  public SweepAggregator(List<String> preferredPropertyOrder, ReportCriteria criteria) {
    this(preferredPropertyOrder, criteria, Map.of());
  }

  /**
   * @param addedSeeds seeds adaptive rounds gave single cells (by {@link #cellId}), which those
   *     cells must hold besides the sweep's; another cell lacking such a seed has no hole there
   * @see #SweepAggregator(List, ReportCriteria)
   */
  public SweepAggregator(
      List<String> preferredPropertyOrder,
      ReportCriteria criteria,
      Map<String, List<Integer>> addedSeeds) {
    this.propertyOrder = new NameOrder(preferredPropertyOrder);
    this.criteria = criteria;
    this.addedSeeds = Map.copyOf(addedSeeds);
  }

  /**
   * The key of a cell (all its seeds) in a map of added seeds: "target|property|representation".
   */
  public static String cellId(String target, String property, Representation representation) {
    return target + "|" + property + "|" + representation;
  }

  /** The seeds cell (target, property, representation) must hold: the sweep's and its added. */
  private List<Integer> expectedSeeds(
      List<Integer> sweepSeeds, String target, String property, Representation representation) {
    List<Integer> added =
        addedSeeds.getOrDefault(cellId(target, property, representation), List.of());
    if (added.isEmpty()) {
      return sweepSeeds;
    }
    Set<Integer> all = new TreeSet<>(sweepSeeds);
    all.addAll(added);
    return List.copyOf(all);
  }

  /**
   * Pairs and summarizes trainings whose provenance is not known; the report says so (a banner: the
   * numbers may be synthetic) and leaves the baseline and convergence gates unchecked.
   *
   * @throws IllegalArgumentException when an outcome lacks a target, representation or metric, or
   *     when the same training appears twice with different results
   */
  public SweepReport aggregate(List<TrainingOutcome> outcomes) {
    List<ReportTraining> trainings = new ArrayList<>();
    for (TrainingOutcome o : outcomes) {
      trainings.add(new ReportTraining(o, TrainingProvenance.UNRECORDED));
    }
    return aggregateTrainings(trainings);
  }

  /**
   * Pairs and summarizes the trainings.
   *
   * @throws IllegalArgumentException when an outcome lacks a target, representation or metric, when
   *     the same training appears twice with different results, or when the trainings come from
   *     more than one trainer, dataset version or protocol
   */
  public SweepReport aggregateTrainings(List<ReportTraining> input) {
    // Over every input, before duplicates are dropped: a training reported by two trainers is
    // mixing.
    List<TrainingOutcome> allOutcomes = new ArrayList<>();
    List<TrainingProvenance> allProvenance = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      if (input.get(i) == null) {
        throw new IllegalArgumentException("training outcome #" + (i + 1) + " is null");
      }
      allOutcomes.add(validated(input.get(i).outcome(), i));
      allProvenance.add(input.get(i).provenance());
    }
    SweepReport.refuseMixing(allOutcomes, allProvenance, TrainingProvenance::trainer, "trainers");
    SweepReport.refuseMixing(
        allOutcomes, allProvenance, TrainingProvenance::datasetSha256, "dataset versions");
    TrainingProvenance.refuseMixingNetworks(allOutcomes, allProvenance);
    Map<CellKey, TrainingOutcome> unique = new HashMap<>();
    Map<CellKey, TrainingProvenance> provenance = new HashMap<>();
    for (int i = 0; i < input.size(); i++) {
      TrainingOutcome outcome = allOutcomes.get(i);
      TrainingOutcome earlier = unique.putIfAbsent(outcome.cellKey(), outcome);
      provenance.putIfAbsent(outcome.cellKey(), input.get(i).provenance());
      // A retried activity may report the same training twice; only a conflicting result is an
      // error.
      if (earlier != null && !sameResult(earlier, outcome)) {
        throw new IllegalArgumentException(
            "training "
                + describe(outcome.cellKey())
                + " reported twice with different results: "
                + earlier.metric()
                + "="
                + earlier.testMetric()
                + " ("
                + earlier.artifactPath()
                + ") and "
                + outcome.metric()
                + "="
                + outcome.testMetric()
                + " ("
                + outcome.artifactPath()
                + ")");
      }
    }

    List<String> targets =
        propertyOrder.sorted(unique.values().stream().map(TrainingOutcome::target).toList());
    List<Representation> representations =
        unique.values().stream()
            .map(TrainingOutcome::representation)
            .distinct()
            .sorted() // declaration order: structure, then composition
            .toList();
    List<String> added =
        propertyOrder.sorted(
            unique.values().stream()
                .map(TrainingOutcome::property)
                .filter(Objects::nonNull)
                .toList());
    // null controls (permuted:band_gap) are paired like any property but kept apart: a control is
    // what a finding must beat, never a finding itself
    List<String> properties = added.stream().filter(p -> !NullControl.isControl(p)).toList();
    List<String> controlProperties = added.stream().filter(NullControl::isControl).toList();

    // The grid is targets × properties × representations × seeds: a hole anywhere in it is
    // reported,
    // even a cell none of whose seeds finished.
    // The sweep's seeds (its spec's when given), and any other seed a training has.
    ReportCriteria resolved =
        criteria.resolved(unique.values().stream().map(TrainingOutcome::seed).toList());
    Set<Integer> seedSet = new TreeSet<>(resolved.sweepSeeds());
    unique.values().forEach(o -> seedSet.add(o.seed()));
    List<Integer> seeds = List.copyOf(seedSet);
    List<PairedTraining> pairs = new ArrayList<>();
    List<CellSummary> cells = new ArrayList<>();
    List<CellSummary> diagonal = new ArrayList<>();
    List<CellSummary> controls = new ArrayList<>();
    List<MissingPair> missing = new ArrayList<>();
    Map<List<Object>, Group> groups = groups(unique.values());
    for (String target : targets) {
      for (Representation representation : representations) {
        Group group = groups.getOrDefault(List.of(target, representation), new Group());
        for (String property : added) {
          Map<Integer, TrainingOutcome> bySeed = group.augmented.getOrDefault(property, Map.of());
          List<PairedTraining> cellPairs = new ArrayList<>();
          List<Integer> expected =
              expectedSeeds(resolved.sweepSeeds(), target, property, representation);
          for (int seed : seeds) {
            TrainingOutcome augmented = bySeed.get(seed);
            TrainingOutcome baseline = group.baselines.get(seed);
            if (augmented == null && !addedSeeds.isEmpty() && !expected.contains(seed)) {
              continue; // a seed adaptive rounds gave other cells, not this one: no hole
            }
            String problem = pairProblem(target, property, baseline, augmented);
            if (problem != null) {
              missing.add(new MissingPair(target, property, representation, seed, problem));
              continue;
            }
            if (augmented == null) {
              continue; // the target itself, not in this grid
            }
            double change =
                100.0 * (augmented.testMetric() - baseline.testMetric()) / baseline.testMetric();
            cellPairs.add(
                new PairedTraining(
                    target,
                    property,
                    representation,
                    seed,
                    baseline.metric(),
                    baseline.testMetric(),
                    augmented.testMetric(),
                    change));
          }
          if (!cellPairs.isEmpty()) {
            pairs.addAll(cellPairs);
            // The target as its own property is the diagonal check, not a finding of Table 1;
            // neither is a null control.
            (property.equals(target)
                    ? diagonal
                    : controlProperties.contains(property) ? controls : cells)
                .add(summarize(cellPairs, expected));
          }
        }
        if (added.isEmpty()) {
          for (int seed : group.baselines.keySet()) {
            missing.add(
                new MissingPair(
                    target, null, representation, seed, "no augmented training for any property"));
          }
        }
      }
    }

    Comparator<TrainingOutcome> trainingOrder =
        Comparator.comparing(TrainingOutcome::target, propertyOrder)
            .thenComparing(TrainingOutcome::representation)
            .thenComparingInt(TrainingOutcome::seed)
            .thenComparing(TrainingOutcome::property, Comparator.nullsFirst(propertyOrder));
    List<TrainingOutcome> trainings = unique.values().stream().sorted(trainingOrder).toList();
    return new SweepReport(
        targets,
        properties,
        representations,
        trainings,
        pairs,
        cells,
        missing,
        trainings.stream().map(t -> provenance.get(t.cellKey())).toList(),
        diagonal,
        resolved,
        controls);
  }

  /**
   * Whether two reports of the same training agree: same metric and test value. Artifact path and
   * best epoch are not compared; a retried activity may report the same training again.
   */
  public static boolean sameResult(TrainingOutcome a, TrainingOutcome b) {
    return Double.compare(a.testMetric(), b.testMetric()) == 0 && a.metric().equals(b.metric());
  }

  private static TrainingOutcome validated(TrainingOutcome outcome, int index) {
    if (outcome == null) {
      throw new IllegalArgumentException("training outcome #" + (index + 1) + " is null");
    }
    requireText(outcome.target(), "target", outcome, index);
    if (outcome.representation() == null) {
      throw new IllegalArgumentException(
          "training outcome #" + (index + 1) + " has no representation: " + outcome);
    }
    requireText(outcome.metric(), "metric", outcome, index);
    if (outcome.property() != null && outcome.property().isBlank()) {
      throw new IllegalArgumentException(
          "training outcome #"
              + (index + 1)
              + " has a blank property (a baseline has property null): "
              + outcome);
    }
    return outcome;
  }

  private static void requireText(String value, String field, TrainingOutcome outcome, int index) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "training outcome #" + (index + 1) + " has no " + field + ": " + outcome);
    }
  }

  /** Why a seed of a cell cannot be paired, or null when it can. */
  private static String pairProblem(
      String target, String property, TrainingOutcome baseline, TrainingOutcome augmented) {
    if (property.equals(target) && augmented == null) {
      return null; // a grid need not hold the diagonal
    }
    if (augmented == null && baseline == null) {
      return "no augmented training and no baseline training";
    }
    if (augmented == null) {
      return "no augmented training";
    }
    if (baseline == null) {
      return "no baseline training";
    }
    if (!baseline.metric().equals(augmented.metric())) {
      return "metric differs: baseline " + baseline.metric() + ", augmented " + augmented.metric();
    }
    if (!Double.isFinite(baseline.testMetric()) || baseline.testMetric() <= 0) {
      return "baseline test "
          + baseline.metric()
          + " is "
          + baseline.testMetric()
          + "; relative change undefined";
    }
    if (!Double.isFinite(augmented.testMetric()) || augmented.testMetric() < 0) {
      return "augmented test " + augmented.metric() + " is " + augmented.testMetric();
    }
    return null;
  }

  private static CellSummary summarize(List<PairedTraining> pairs, List<Integer> sweepSeeds) {
    PairedTraining first = pairs.get(0);
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double baselineSum = 0;
    double augmentedSum = 0;
    int improved = 0;
    List<Integer> seeds = new ArrayList<>();
    double[] changes = new double[pairs.size()];
    double[] baselineMetrics = new double[pairs.size()];
    double[] augmentedMetrics = new double[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      PairedTraining pair = pairs.get(i);
      changes[i] = pair.changePercent();
      baselineMetrics[i] = pair.baselineMetric();
      augmentedMetrics[i] = pair.augmentedMetric();
      sum += pair.changePercent();
      min = Math.min(min, pair.changePercent());
      max = Math.max(max, pair.changePercent());
      baselineSum += pair.baselineMetric();
      augmentedSum += pair.augmentedMetric();
      if (pair.changePercent() < 0) {
        improved++;
      }
      seeds.add(pair.seed());
    }
    int n = pairs.size();
    List<Integer> missingSeeds = sweepSeeds.stream().filter(s -> !seeds.contains(s)).toList();
    return new CellSummary(
        first.target(),
        first.property(),
        first.representation(),
        first.metric(),
        seeds,
        sum / n,
        min,
        max,
        baselineSum / n,
        augmentedSum / n,
        Arrays.stream(changes).boxed().toList(),
        improved,
        MeanChangeInterval.of(changes),
        PaperBounds.of(baselineMetrics, augmentedMetrics),
        missingSeeds);
  }

  /** The trainings of each (target, representation), keyed by that pair. */
  private static Map<List<Object>, Group> groups(Iterable<TrainingOutcome> outcomes) {
    Map<List<Object>, Group> groups = new HashMap<>();
    for (TrainingOutcome o : outcomes) {
      Group group =
          groups.computeIfAbsent(List.of(o.target(), o.representation()), k -> new Group());
      if (o.property() == null) {
        group.baselines.put(o.seed(), o);
      } else {
        group.augmented.computeIfAbsent(o.property(), p -> new TreeMap<>()).put(o.seed(), o);
      }
    }
    return groups;
  }

  private static String describe(CellKey key) {
    return "(target "
        + key.target()
        + ", property "
        + (key.property() == null ? "none (baseline)" : key.property())
        + ", "
        + key.representation()
        + ", seed "
        + key.seed()
        + ")";
  }

  /** The trainings of one (target, representation). */
  private static final class Group {
    final Map<Integer, TrainingOutcome> baselines = new TreeMap<>();
    final Map<String, Map<Integer, TrainingOutcome>> augmented = new LinkedHashMap<>();
  }
}
