package tomo.activities.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 */
public record SweepReport(
    List<String> targets,
    List<String> properties,
    List<String> representations,
    List<TrainingOutcome> trainings,
    List<PairedTraining> pairs,
    List<CellSummary> cells,
    List<MissingPair> missing) {

  /** Name of the representation with the crystal structure. */
  public static final String STRUCTURE = "structure";

  /** Name of the composition-only representation. */
  public static final String COMPOSITION = "composition";

  public SweepReport {
    targets = List.copyOf(targets);
    properties = List.copyOf(properties);
    representations = List.copyOf(representations);
    trainings = List.copyOf(trainings);
    pairs = List.copyOf(pairs);
    cells = List.copyOf(cells);
    missing = List.copyOf(missing);
  }

  /** The statistics of one cell, if any seed of it could be paired. */
  public Optional<CellSummary> cell(String target, String property, String representation) {
    return cells.stream()
        .filter(
            c ->
                c.target().equals(target)
                    && c.property().equals(property)
                    && c.representation().equals(representation))
        .findFirst();
  }

  /** Properties whose addition reduced the target's error for every seed, in report order. */
  public List<String> significantProperties(String target, String representation) {
    return cells.stream()
        .filter(
            c ->
                c.significant()
                    && c.target().equals(target)
                    && c.representation().equals(representation))
        .map(CellSummary::property)
        .toList();
  }

  /**
   * The paper's Table 1: per target, the significant properties of each representation, and those
   * significant with the structure but not with the composition alone.
   */
  public List<Table1Row> table1() {
    boolean both = representations.contains(STRUCTURE) && representations.contains(COMPOSITION);
    List<Table1Row> rows = new ArrayList<>();
    for (String target : targets) {
      Map<String, List<String>> byRepresentation = new LinkedHashMap<>();
      for (String representation : representations) {
        byRepresentation.put(representation, significantProperties(target, representation));
      }
      List<String> structureOnly = List.of();
      if (both) {
        List<String> composition = byRepresentation.get(COMPOSITION);
        structureOnly =
            byRepresentation.get(STRUCTURE).stream().filter(p -> !composition.contains(p)).toList();
      }
      rows.add(new Table1Row(target, byRepresentation, structureOnly));
    }
    return rows;
  }

  /** The largest |mean change| of any cell, in %; 0 when there are no cells. */
  public double maxAbsMeanChangePercent() {
    return cells.stream().mapToDouble(c -> Math.abs(c.meanChangePercent())).max().orElse(0);
  }
}
