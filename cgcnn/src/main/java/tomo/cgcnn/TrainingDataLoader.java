package tomo.cgcnn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.graph.CgcnnNodeFeaturizer;
import tomo.materials.graph.CrystalGraph;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphSettings;
import tomo.materials.property.PropertyDefinition;
import tomo.materials.property.PropertyRegistry;
import tomo.materials.property.PropertyValue;

/** Builds {@link TrainingData} from a dataset and its graph cache. */
public final class TrainingDataLoader {
  private TrainingDataLoader() {}

  /**
   * The dataset's graphs (from the cache, built when absent) with the columns of {@code properties}
   * (a permuted control among them computed over the dataset's rows, see {@link
   * Dataset#withColumns}); a material without a value has NaN there (dropped by the trainer when it
   * is the target or the extra input).
   *
   * @param cacheDir graph cache directory, e.g. {@link GraphCache#defaultCacheDir()}
   */
  public static TrainingData load(
      Dataset dataset, GraphSettings settings, Path cacheDir, Collection<String> properties) {
    GraphCache cache =
        GraphCache.openOrBuild(dataset, settings, cacheDir, GraphCache.Progress.NONE);
    return fromCache(dataset, cache, settings, properties);
  }

  /** As {@link #load} with an open cache whose graphs are in {@code dataset.rows()} order. */
  public static TrainingData fromCache(
      Dataset dataset, GraphCache cache, GraphSettings settings, Collection<String> properties) {
    // a null control (permuted:band_gap) is computed over these rows, the same for every seed
    List<MaterialRow> rows = dataset.withColumns(properties).rows();
    if (cache.size() != rows.size()) {
      throw new IllegalArgumentException(
          "graph cache %s holds %d graphs, the dataset %d materials"
              .formatted(cache.file(), cache.size(), rows.size()));
    }
    List<CrystalGraph> graphs = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      CrystalGraph g = cache.get(i);
      if (!g.materialId().equals(rows.get(i).materialId())) {
        throw new IllegalArgumentException(
            "graph cache %s: graph %d is %s, dataset row %d is %s"
                .formatted(
                    cache.file(), i, g.materialId(), rows.get(i).row(), rows.get(i).materialId()));
      }
      graphs.add(g);
    }
    Map<String, PropertyColumn> columns = new LinkedHashMap<>();
    for (String name : properties) {
      columns.put(name, column(rows, PropertyRegistry.byName(name)));
    }
    return new TrainingData(
        dataset.contentSha256(),
        settings.key(),
        graphs,
        new CgcnnNodeFeaturizer(),
        settings.expansion(),
        columns);
  }

  static PropertyColumn column(List<MaterialRow> rows, PropertyDefinition p) {
    double[] values = new double[rows.size()];
    for (int i = 0; i < values.length; i++) {
      PropertyValue v = rows.get(i).value(p.name()).orElse(null);
      if (v == null) {
        values[i] = Double.NaN;
      } else if (p.isCategorical()) {
        values[i] = v.category() == null ? Double.NaN : p.classIndex(v.category());
      } else {
        values[i] = v.number();
      }
    }
    return new PropertyColumn(p.name(), p.classes(), values);
  }
}
