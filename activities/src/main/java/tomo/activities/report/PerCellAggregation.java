package tomo.activities.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/**
 * The report of a sweep with {@code baseline: per-cell}, the paper's literal protocol: each
 * augmented training is compared with the baseline trained for its own property. {@link
 * SweepAggregator} pairs by (target, representation, seed), so it sees one property at a time; the
 * per-property reports are then joined.
 */
public final class PerCellAggregation {
  private PerCellAggregation() {}

  /**
   * @param properties the spec's properties, in its order, and its null control ({@link
   *     tomo.workflows.model.SweepSpec#cellProperties})
   * @param baselines the baseline trained for each property
   * @param augmented the trainings that add a property
   * @throws IllegalArgumentException as {@link SweepAggregator#aggregateTrainings} does for any one
   *     property's trainings
   */
  public static SweepReport aggregate(
      List<String> properties, List<MaskedBaseline> baselines, List<ReportTraining> augmented) {
    return aggregate(properties, baselines, augmented, ReportCriteria.defaults());
  }

  /**
   * @param criteria the primary rule and the sweep's seeds; seeds to be seen in the trainings are
   *     those of all properties together, so that every property is judged against the same list
   * @see #aggregate(List, List, List)
   */
  public static SweepReport aggregate(
      List<String> properties,
      List<MaskedBaseline> baselines,
      List<ReportTraining> augmented,
      ReportCriteria criteria) {
    return aggregate(properties, baselines, augmented, criteria, Map.of());
  }

  /**
   * @param addedSeeds seeds adaptive rounds added to single cells ({@link SweepAggregator})
   * @see #aggregate(List, List, List, ReportCriteria)
   */
  public static SweepReport aggregate(
      List<String> properties,
      List<MaskedBaseline> baselines,
      List<ReportTraining> augmented,
      ReportCriteria criteria,
      Map<String, List<Integer>> addedSeeds) {
    List<Integer> seen = new ArrayList<>();
    baselines.forEach(m -> seen.add(m.baseline().outcome().seed()));
    augmented.forEach(o -> seen.add(o.outcome().seed()));
    ReportCriteria resolved = criteria.resolved(seen);
    List<String> targets = new ArrayList<>();
    List<Representation> representations = new ArrayList<>();
    List<TrainingOutcome> trainings = new ArrayList<>();
    List<PairedTraining> pairs = new ArrayList<>();
    List<CellSummary> cells = new ArrayList<>();
    List<MissingPair> missing = new ArrayList<>();
    List<TrainingProvenance> provenance = new ArrayList<>();
    List<CellSummary> diagonal = new ArrayList<>();
    List<CellSummary> controls = new ArrayList<>();
    SweepAggregator aggregator = new SweepAggregator(properties, resolved, addedSeeds);
    for (String property : properties) {
      List<ReportTraining> part = new ArrayList<>();
      baselines.stream()
          .filter(m -> m.property().equals(property))
          .forEach(m -> part.add(m.baseline()));
      augmented.stream().filter(o -> property.equals(o.outcome().property())).forEach(part::add);
      if (part.isEmpty()) {
        continue;
      }
      SweepReport r = aggregator.aggregateTrainings(part);
      r.targets().stream().filter(t -> !targets.contains(t)).forEach(targets::add);
      r.representations().stream()
          .filter(x -> !representations.contains(x))
          .forEach(representations::add);
      trainings.addAll(r.trainings());
      pairs.addAll(r.pairs());
      cells.addAll(r.cells());
      missing.addAll(r.missing());
      provenance.addAll(r.provenance());
      diagonal.addAll(r.diagonal());
      controls.addAll(r.controls());
    }
    List<String> reported =
        properties.stream()
            .filter(p -> cells.stream().anyMatch(c -> c.property().equals(p)))
            .toList();
    // The joined report refuses mixed trainers or datasets across properties too.
    return new SweepReport(
        targets,
        reported,
        representations,
        trainings,
        pairs,
        cells,
        missing,
        provenance,
        diagonal,
        resolved,
        controls);
  }
}
