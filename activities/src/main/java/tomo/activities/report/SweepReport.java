package tomo.activities.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.TrainingOutcome;

/**
 * Everything a sweep's report shows: the per-cell statistics, the pairs they come from, the
 * trainings and what could not be paired. All lists are in a deterministic order (see {@link
 * SweepAggregator}).
 *
 * @param targets the targets (heatmap columns)
 * @param properties the added properties (heatmap rows)
 * @param representations the representations, {@code structure} before {@code composition}
 * @param trainings every training, baselines first within a (target, representation, seed)
 * @param pairs every augmented training matched with its baseline
 * @param cells statistics per (target, property, representation) over seeds
 * @param missing trainings the grid implies but that could not be paired, with the reason
 * @param provenance how each training was made, in the order of {@code trainings}; every training
 *     must come from one trainer and one dataset version
 * @param diagonal cells where the target is added as its own property (the diagonal check), kept
 *     out of {@code cells} and Table 1
 * @param criteria the primary significance rule and the sweep's seeds the cells were judged against
 * @param controls null-control cells ({@code permuted:band_gap}, see {@link NullControl}): a
 *     property's values permuted across materials, which carry no information about the target;
 *     kept out of {@code properties}, {@code cells} and Table 1, shown as their own row
 * @throws IllegalArgumentException when the trainings come from more than one trainer or dataset
 *     version (naming them), or {@code provenance} does not match {@code trainings}
 */
public record SweepReport(
    List<String> targets,
    List<String> properties,
    List<Representation> representations,
    List<TrainingOutcome> trainings,
    List<PairedTraining> pairs,
    List<CellSummary> cells,
    List<MissingPair> missing,
    List<TrainingProvenance> provenance,
    List<CellSummary> diagonal,
    ReportCriteria criteria,
    List<CellSummary> controls) {

  public SweepReport {
    targets = List.copyOf(targets);
    properties = List.copyOf(properties);
    representations = List.copyOf(representations);
    trainings = List.copyOf(trainings);
    pairs = List.copyOf(pairs);
    cells = List.copyOf(cells);
    missing = List.copyOf(missing);
    provenance = List.copyOf(provenance);
    diagonal = List.copyOf(diagonal);
    controls = List.copyOf(controls);
    if (provenance.size() != trainings.size()) {
      throw new IllegalArgumentException(
          trainings.size() + " trainings but " + provenance.size() + " provenance entries");
    }
    refuseMixing(trainings, provenance, TrainingProvenance::trainer, "trainers");
    refuseMixing(trainings, provenance, TrainingProvenance::datasetSha256, "dataset versions");
    TrainingProvenance.refuseMixingNetworks(trainings, provenance);
    if (criteria == null) {
      throw new IllegalArgumentException("a report needs its significance criteria");
    }
  }

  /**
   * A report compares trainings with each other, so all must come from one trainer and one dataset;
   * "not recorded" counts as a value of its own, since it may hide either.
   */
  static void refuseMixing(
      List<TrainingOutcome> trainings,
      List<TrainingProvenance> provenance,
      Function<TrainingProvenance, String> field,
      String what) {
    Map<String, TrainingOutcome> example = new LinkedHashMap<>();
    Map<String, Integer> count = new LinkedHashMap<>();
    for (int i = 0; i < trainings.size(); i++) {
      String value = Objects.requireNonNullElse(field.apply(provenance.get(i)), NOT_RECORDED);
      example.putIfAbsent(value, trainings.get(i));
      count.merge(value, 1, Integer::sum);
    }
    if (example.size() > 1) {
      StringBuilder message =
          new StringBuilder("a report never mixes " + what + "; these trainings come from ");
      String separator = "";
      for (Map.Entry<String, TrainingOutcome> e : example.entrySet()) {
        message
            .append(separator)
            .append(e.getKey())
            .append(" (")
            .append(count.get(e.getKey()))
            .append(" trainings, e.g. ")
            .append(e.getValue().cellKey().label())
            .append(")");
        separator = " and ";
      }
      throw new IllegalArgumentException(message.toString());
    }
  }

  /** Shown where a trainer or dataset version is unknown. */
  public static final String NOT_RECORDED = "not recorded";

  /** The trainer of every training, or {@code null} when not recorded (or no trainings). */
  public String trainer() {
    return provenance.isEmpty() ? null : provenance.get(0).trainer();
  }

  /** The trainer of every training, or {@value #NOT_RECORDED}. */
  public String trainerOrNotRecorded() {
    return Objects.requireNonNullElse(trainer(), NOT_RECORDED);
  }

  /** The dataset SHA-256 of every training, or {@code null} when not recorded (or none). */
  public String datasetSha256() {
    return provenance.isEmpty() ? null : provenance.get(0).datasetSha256();
  }

  /** The protocol of every training, or {@code null} when not recorded (or no trainings). */
  public String protocol() {
    return provenance.isEmpty() ? null : provenance.get(0).protocol();
  }

  /** " — protocol X" for titles, naming the protocol every training followed; empty if unknown. */
  public String protocolSuffix() {
    return protocol() == null ? "" : " — protocol " + protocol();
  }

  /** Whether the numbers are made up by a trainer that trains no model. */
  public boolean synthetic() {
    return !provenance.isEmpty() && provenance.get(0).synthetic();
  }

  /**
   * The line every report format leads with when its numbers cannot be taken as results: synthetic,
   * or of unknown origin. Empty for real trainings.
   */
  public Optional<String> banner() {
    if (synthetic()) {
      return Optional.of(
          "SYNTHETIC: made-up numbers from the "
              + trainer()
              + " trainer (deterministic learning curves, no model); they say nothing about"
              + " materials.");
    }
    if (!provenance.isEmpty() && trainer() == null) {
      return Optional.of(
          "TRAINER NOT RECORDED: these trainings do not say which trainer made them (an older"
              + " trainings.csv, or outcomes aggregated without provenance); the numbers may be"
              + " synthetic.");
    }
    return Optional.empty();
  }

  /**
   * Prefix for titles: "SYNTHETIC — " for synthetic reports, "UNKNOWN TRAINER — " when the trainer
   * is not recorded, else empty.
   */
  public String titlePrefix() {
    return synthetic()
        ? "SYNTHETIC — "
        : trainer() == null && !provenance.isEmpty() ? "UNKNOWN TRAINER — " : "";
  }

  /** The quality gates (baseline against the trivial predictor, diagonal, convergence). */
  public ReportChecks checks() {
    return ReportChecks.of(this);
  }

  /**
   * A short tag of the banner ("synthetic", "trainer not recorded") for the per-row warning columns
   * of the CSV files; empty for real trainings.
   */
  public Optional<String> originTag() {
    if (synthetic()) {
      return Optional.of("synthetic");
    }
    return !provenance.isEmpty() && trainer() == null
        ? Optional.of("trainer not recorded")
        : Optional.empty();
  }

  /** Every warning a report shows: the banner first, then each failed gate, thresholds stated. */
  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    banner().ifPresent(warnings::add);
    warnings.addAll(checks().warnings());
    return warnings;
  }

  /** The statistics of one cell, if any seed of it could be paired. */
  public Optional<CellSummary> cell(String target, String property, Representation representation) {
    return find(cells, target, property, representation);
  }

  /** The null controls' property names ({@code permuted:band_gap}), in report order. */
  public List<String> controlProperties() {
    return controls.stream().map(CellSummary::property).distinct().toList();
  }

  /** The statistics of one null-control cell, if any seed of it could be paired. */
  public Optional<CellSummary> controlCell(
      String target, String property, Representation representation) {
    return find(controls, target, property, representation);
  }

  private static Optional<CellSummary> find(
      List<CellSummary> cells, String target, String property, Representation representation) {
    return cells.stream()
        .filter(
            c ->
                c.target().equals(target)
                    && c.property().equals(property)
                    && c.representation() == representation)
        .findFirst();
  }

  /** A heatmap's rows: the added properties, then the null controls below them, labelled. */
  public List<String> heatmapRowLabels() {
    List<String> labels = new ArrayList<>(properties);
    controlProperties().forEach(c -> labels.add(controlLabel(c)));
    return labels;
  }

  /** "null control (permuted band_gap)": how every format labels a control's row. */
  public static String controlLabel(String property) {
    return "null control ("
        + NullControl.source(property).map(s -> "permuted " + s).orElse(property)
        + ")";
  }

  /** The diagonal cell of a target, if the grid holds the target as its own property. */
  public Optional<CellSummary> diagonalCell(String target, Representation representation) {
    return diagonal.stream()
        .filter(c -> c.target().equals(target) && c.representation() == representation)
        .findFirst();
  }

  /** Whether the report has both representations (Table 1's "in structure, not in composition"). */
  boolean hasStructureAndComposition() {
    return representations.contains(Representation.STRUCTURE)
        && representations.contains(Representation.COMPOSITION);
  }

  /**
   * The paper's Table 1: per target, the significant properties of each representation under the
   * primary rule, those significant with the structure but not with the composition alone, the
   * lists of every rule, and the incomplete cells (never significant).
   */
  public List<Table1Row> table1() {
    Representation structure = Representation.STRUCTURE;
    Representation composition = Representation.COMPOSITION;
    boolean both = hasStructureAndComposition();
    // One pass over the cells; they are already in report order. Key: rule label (or INCOMPLETE),
    // target, representation.
    Map<List<Object>, List<String>> lists = new HashMap<>();
    for (CellSummary c : cells) {
      for (SignificanceRule rule : SignificanceRule.values()) {
        if (c.significant(rule)) {
          lists
              .computeIfAbsent(
                  List.of(rule.label(), c.target(), c.representation()), k -> new ArrayList<>())
              .add(c.property());
        }
      }
      if (!c.complete()) {
        lists
            .computeIfAbsent(
                List.of(INCOMPLETE, c.target(), c.representation()), k -> new ArrayList<>())
            .add(c.property());
      }
    }
    List<Table1Row> rows = new ArrayList<>();
    for (String target : targets) {
      Map<SignificanceRule, Map<Representation, List<String>>> byRule = new LinkedHashMap<>();
      for (SignificanceRule rule : SignificanceRule.values()) {
        Map<Representation, List<String>> byRepresentation = new LinkedHashMap<>();
        for (Representation representation : representations) {
          byRepresentation.put(
              representation,
              lists.getOrDefault(List.of(rule.label(), target, representation), List.of()));
        }
        byRule.put(rule, byRepresentation);
      }
      Map<Representation, List<String>> incomplete = new LinkedHashMap<>();
      for (Representation representation : representations) {
        incomplete.put(
            representation,
            lists.getOrDefault(List.of(INCOMPLETE, target, representation), List.of()));
      }
      Map<Representation, List<String>> primary = byRule.get(criteria.primaryRule());
      List<String> structureOnly = List.of();
      if (both) {
        Set<String> compositionToo = new HashSet<>(primary.get(composition));
        structureOnly =
            primary.get(structure).stream().filter(p -> !compositionToo.contains(p)).toList();
      }
      rows.add(new Table1Row(target, primary, structureOnly, byRule, incomplete));
    }
    return rows;
  }

  // not a rule label: a rule's is lower case with dashes
  private static final String INCOMPLETE = "INCOMPLETE";

  /** The largest |mean change| of any cell or null control, in %; 0 when there are none. */
  public double maxAbsMeanChangePercent() {
    return java.util.stream.Stream.concat(cells.stream(), controls.stream())
        .mapToDouble(c -> Math.abs(c.meanChangePercent()))
        .max()
        .orElse(0);
  }
}
