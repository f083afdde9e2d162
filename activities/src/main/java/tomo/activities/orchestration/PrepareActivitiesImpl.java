package tomo.activities.orchestration;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.dataset.DatasetRows;
import tomo.activities.training.GraphModes;
import tomo.materials.cif.CifException;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetColumns;
import tomo.materials.dataset.DatasetException;
import tomo.materials.dataset.DatasetLocation;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.SkippedRowsCsv;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;
import tomo.materials.graph.IsolatedAtoms;
import tomo.materials.io.AtomicFiles;
import tomo.materials.property.PropertyDefinition;
import tomo.materials.property.PropertyRegistry;
import tomo.workflows.activity.PrepareActivities;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.DataWarnings;
import tomo.workflows.model.IncompleteRows;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.UnavailableName;

/**
 * Prepares a sweep's data once, before any training: reads the dataset (every CIF parsed, every
 * property value checked, derived properties filled in), checks the spec's targets and properties,
 * and builds the graph cache of each representation under {@code <artifactDir>/graphs}, where the
 * training activities then find it. Bad input fails here, non-retryably, naming file, row and field
 * — before a single training is spent — unless the spec skips bad rows; skipped rows and sites
 * without a neighbour within the graph cutoff are counted in the {@link DataWarnings}.
 */
public final class PrepareActivitiesImpl implements PrepareActivities {
  /** Every property of tomo's registry (the paper's 13 projections and efermi). */
  public static final Set<String> REGISTERED_PROPERTIES =
      PropertyRegistry.all().stream()
          .map(PropertyDefinition::name)
          .collect(Collectors.toUnmodifiableSet());

  /** File name (suffix) of the list of skipped rows; the report copies it under this name. */
  public static final String SKIPPED_ROWS = "skipped-rows.csv";

  private static final Logger log = LoggerFactory.getLogger(PrepareActivitiesImpl.class);

  private final Path defaultDataset;
  private final Set<String> knownProperties;

  /**
   * @param defaultDataset the dataset of specs that name none; {@code null} = {@link
   *     DatasetLocation#resolve} at run time
   * @param knownProperties names a spec may use as target or property
   */
  public PrepareActivitiesImpl(Path defaultDataset, Set<String> knownProperties) {
    this.defaultDataset = defaultDataset;
    this.knownProperties = Set.copyOf(knownProperties);
  }

  @Override
  public PreparedDataset prepare(SweepSpec spec) {
    check(spec.grid().targets(), "targets");
    check(spec.grid().properties(), "properties");
    check(
        spec.grid().controlProperty().flatMap(NullControl::source).stream().toList(),
        SweepSpec.NULL_CONTROL);
    Path file = datasetFile(spec);
    Dataset dataset;
    try {
      // the same check sweep start runs; here for sweeps started by other clients
      List<UnavailableName> missing = SweepPreflight.unavailable(spec, DatasetColumns.read(file));
      if (!missing.isEmpty()) {
        throw ApplicationFailure.newNonRetryableFailure(
            "sweep spec: the dataset neither holds nor derives "
                + String.join(
                    "; ",
                    missing.stream()
                        .map(m -> m.field() + " '" + m.name() + "': " + m.reason())
                        .toList()),
            TrainingActivities.BAD_INPUT);
      }
      dataset = DatasetReader.read(file, DatasetRows.readOptions(spec.data().selection()));
    } catch (DatasetException | CifException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), TrainingActivities.BAD_INPUT);
    }
    if (dataset.rows().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          file + ": no data rows after the header", TrainingActivities.BAD_INPUT);
    }
    // graph builds report from their worker threads, so take the activity's context here
    ActivityExecutionContext context = currentActivity();
    List<String> caches = new ArrayList<>();
    Path cacheDir = Path.of(spec.runtime().artifactDir()).resolve("graphs");
    IsolatedAtoms isolated = IsolatedAtoms.NONE;
    for (Representation representation : spec.grid().representations()) {
      GraphMode mode = GraphModes.of(representation);
      GraphSettings settings = GraphSettings.of(mode);
      GraphCache cache =
          GraphCache.openOrBuild(
              dataset,
              settings,
              cacheDir,
              (done, total) -> {
                if (context != null && (done == total || done % 5_000 == 0)) {
                  context.heartbeat(representation + " graphs " + done + "/" + total);
                }
              });
      caches.add(cache.file().toString());
      if (mode == GraphMode.STRUCTURE) {
        isolated = IsolatedAtoms.in(cache, settings);
        if (isolated.any()) {
          log.warn("dataset {}: {}", file, isolated.describe(settings.cutoffAngstrom()));
        }
      }
    }
    log.info(
        "dataset {}: {} materials, sha256 {}, graph caches {}",
        file,
        dataset.rows().size(),
        dataset.contentSha256(),
        caches);
    GridCompleteness completeness = GridCompleteness.of(spec, dataset);
    int incomplete = completeness.incompleteRows();
    if (incomplete > 0) {
      log.warn(
          "dataset {}: {} of {} rows lack a value of the sweep's targets or properties ({}); {}",
          file,
          incomplete,
          dataset.size(),
          completeness.missingValues(),
          spec.data().incompleteRows() == IncompleteRows.DROP
              ? "every training drops them (incompleteRows: drop)"
              : "kept where their values suffice (incompleteRows: keep)");
    }
    return new PreparedDataset(
        file.toString(),
        dataset.contentSha256(),
        dataset.rows().size(),
        caches,
        new DataWarnings(
            dataset.skipped().size(),
            skippedRowsFile(spec, dataset),
            isolated.materials(),
            isolated.sites()),
        incomplete,
        completeness.missingValues());
  }

  /**
   * Lists the skipped rows in the artifact store, where the report finds them; {@code null} when
   * none was skipped. Named by the data and the limit, which decide which rows were read.
   */
  private static String skippedRowsFile(SweepSpec spec, Dataset dataset) {
    if (dataset.skipped().isEmpty()) {
      return null;
    }
    Path file =
        Path.of(spec.runtime().artifactDir())
            .resolve("datasets")
            .resolve(
                "%s-limit%d-%s"
                    .formatted(
                        dataset.contentSha256().substring(0, 16),
                        spec.data().selection().rows().limit(),
                        SKIPPED_ROWS));
    try {
      AtomicFiles.write(
          file, SkippedRowsCsv.of(dataset.skipped()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    log.warn(
        "dataset {}: skipped {} bad row(s), listed in {}",
        dataset.source(),
        dataset.skipped().size(),
        file);
    return file.toAbsolutePath().toString();
  }

  private static ActivityExecutionContext currentActivity() {
    try {
      return Activity.getExecutionContext();
    } catch (RuntimeException notInAnActivity) {
      return null; // called directly (tests, tools): nobody to tell
    }
  }

  private Path datasetFile(SweepSpec spec) {
    try {
      Path file =
          spec.data().dataset() != null
              ? Path.of(spec.data().dataset())
              : defaultDataset != null ? defaultDataset : DatasetLocation.resolve(null);
      if (!Files.isRegularFile(file)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "sweep spec field 'dataset': file " + file + " not found",
            TrainingActivities.BAD_INPUT);
      }
      return file;
    } catch (DatasetLocation.DatasetNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), TrainingActivities.BAD_INPUT);
    }
  }

  private void check(List<String> names, String field) {
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      // a permuted control is known where its permuted property is
      String name = NullControl.source(names.get(i)).orElse(names.get(i));
      if (!knownProperties.contains(name)) {
        unknown.add(field + "[" + i + "] '" + names.get(i) + "'");
      }
    }
    if (!unknown.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "sweep spec: unknown "
              + String.join(", ", unknown)
              + " (known: "
              + String.join(", ", knownProperties.stream().sorted().toList())
              + ")",
          TrainingActivities.BAD_INPUT);
    }
  }
}
