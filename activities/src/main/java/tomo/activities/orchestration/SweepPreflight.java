package tomo.activities.orchestration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tomo.materials.dataset.DatasetColumns;
import tomo.materials.dataset.DatasetException;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepSpecException;
import tomo.workflows.model.UnavailableName;

/**
 * The checks of a sweep that need no training and no Temporal (after the spec's own, in {@link
 * SweepSpec#normalized}): its dataset (found, readable, a header with material_id and cif) and
 * every target and property (held by the dataset or derived from it). {@code tomo sweep start} runs
 * them before it schedules anything; the prepare activity runs them again for sweeps started by
 * other clients.
 */
public final class SweepPreflight {
  private SweepPreflight() {}

  /**
   * The dataset file of {@code spec}: its {@code dataset} field, else {@code defaultDataset}, else
   * {@link DatasetLocation#resolve}.
   *
   * @throws SweepSpecException naming the field and the file when it is not there
   */
  public static Path datasetFile(SweepSpec spec, Path defaultDataset, String source) {
    if (spec.data().dataset() != null) {
      Path file = Path.of(spec.data().dataset());
      if (!Files.isRegularFile(file)) {
        throw new SweepSpecException(
            source + ": field 'dataset': file " + file.toAbsolutePath() + " not found");
      }
      return file;
    }
    try {
      return defaultDataset != null
          ? DatasetLocation.resolve(defaultDataset)
          : DatasetLocation.resolve(null);
    } catch (DatasetLocation.DatasetNotFoundException e) {
      throw new SweepSpecException(source + ": field 'dataset' not given, and " + e.getMessage());
    }
  }

  /**
   * Checks {@code spec} against its dataset.
   *
   * @return the spec to start: {@code spec} itself, or with {@code skipMissing: true} the spec
   *     without the targets and properties the dataset lacks (recorded in its {@code unavailable})
   * @throws SweepSpecException naming every problem: a missing or unreadable dataset, each target
   *     and property the dataset neither holds nor derives
   */
  public static SweepSpec check(SweepSpec spec, Path defaultDataset, String source) {
    Path file = datasetFile(spec, defaultDataset, source);
    DatasetColumns columns;
    try {
      columns = DatasetColumns.read(file);
    } catch (DatasetException e) {
      throw new SweepSpecException(source + ": dataset: " + e.getMessage(), e);
    }
    List<UnavailableName> missing = unavailable(spec, columns);
    if (missing.isEmpty()) {
      return spec;
    }
    if (spec.data().skipMissing()) {
      return spec.without(missing, source);
    }
    List<String> lines = new ArrayList<>();
    for (UnavailableName m : missing) {
      lines.add("  " + m.field() + ": " + m.name() + " — " + m.reason());
    }
    throw new SweepSpecException(
        source
            + ": "
            + "the dataset neither holds nor derives "
            + String.join(", ", missing.stream().map(UnavailableName::name).distinct().toList())
            + "; remove them, or set 'skipMissing: true' to leave their cells out:\n"
            + String.join("\n", lines));
  }

  /**
   * Every target and property of {@code spec} (its null control's permuted property included) that
   * {@code columns} neither holds nor derives.
   */
  public static List<UnavailableName> unavailable(SweepSpec spec, DatasetColumns columns) {
    List<UnavailableName> out = new ArrayList<>();
    collect("targets", spec.grid().targets(), columns, out);
    collect("properties", spec.grid().properties(), columns, out);
    // the null control needs its permuted property; the default one is checked like a named one
    collect(SweepSpec.NULL_CONTROL, spec.grid().controlProperty().stream().toList(), columns, out);
    return out;
  }

  private static void collect(
      String field, List<String> names, DatasetColumns columns, List<UnavailableName> out) {
    for (String name : names) {
      columns.unavailable(name).ifPresent(why -> out.add(new UnavailableName(field, name, why)));
    }
  }
}
