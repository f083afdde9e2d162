package tomo.activities.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tomo.materials.dataset.Dataset;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.SweepSpec;

/**
 * How completely a dataset holds a sweep's grid: the rows lacking a value of any of its targets or
 * properties, and for each name some rows lack, how many. The prepare step records it with the
 * data, and the requests it decides (which rows every training drops, which cells need a masked
 * baseline) follow from it, so the estimate counts the same requests from it.
 *
 * @param incompleteRows rows lacking at least one of the grid's values (of the names some row has)
 * @param missingValues rows lacking each name, for the names some rows lack
 */
public record GridCompleteness(int incompleteRows, Map<String, Integer> missingValues) {

  public GridCompleteness {
    missingValues = Map.copyOf(missingValues);
  }

  /** Counts over the rows of {@code dataset} (as the sweep reads it). */
  public static GridCompleteness of(SweepSpec spec, Dataset dataset) {
    List<String> names = new ArrayList<>(spec.grid().targets());
    spec.grid().properties().stream().filter(p -> !names.contains(p)).forEach(names::add);
    // the null control's column lacks a value wherever its source property does
    spec.grid()
        .controlProperty()
        .flatMap(NullControl::source)
        .filter(p -> !names.contains(p))
        .ifPresent(names::add);
    // a name no row has cannot train at all (sweep start refuses it, or leaves its cells out):
    // it does not make every other row incomplete
    List<String> grid = new ArrayList<>();
    Map<String, Integer> missing = new TreeMap<>();
    for (String name : names) {
      int lacking = dataset.size() - dataset.materialsWithValues(List.of(name));
      if (lacking == dataset.size()) {
        continue;
      }
      grid.add(name);
      if (lacking > 0) {
        missing.put(name, lacking);
      }
    }
    return new GridCompleteness(dataset.size() - dataset.materialsWithValues(grid), missing);
  }
}
