package tomo.cgcnn;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import tomo.materials.graph.CrystalGraph;
import tomo.materials.graph.GaussianExpansion;
import tomo.materials.graph.NodeFeaturizer;

/**
 * The crystals a training sees: their graphs and property columns, aligned by index, plus what is
 * needed to turn graphs into network inputs and to trace the data back to its source.
 *
 * @param datasetSha256 content hash of the dataset the rows come from (provenance)
 * @param graphSettingsKey the graph settings' stable key (provenance)
 * @param graphs one graph per material
 * @param featurizer node feature vectors by atomic number
 * @param expansion Gaussian expansion of the edge distances
 * @param properties columns by property name, each as long as {@code graphs}
 */
public record TrainingData(
    String datasetSha256,
    String graphSettingsKey,
    List<CrystalGraph> graphs,
    NodeFeaturizer featurizer,
    GaussianExpansion expansion,
    Map<String, PropertyColumn> properties) {

  public TrainingData {
    Objects.requireNonNull(datasetSha256, "datasetSha256");
    Objects.requireNonNull(graphSettingsKey, "graphSettingsKey");
    Objects.requireNonNull(featurizer, "featurizer");
    Objects.requireNonNull(expansion, "expansion");
    graphs = List.copyOf(graphs);
    properties = Map.copyOf(properties);
    if (graphs.isEmpty()) {
      throw new IllegalArgumentException("training data holds no crystals");
    }
    int m = graphs.get(0).maxNeighbors();
    for (CrystalGraph g : graphs) {
      if (g.maxNeighbors() != m) {
        throw new IllegalArgumentException(
            "graph %s has %d neighbour slots, others %d"
                .formatted(g.materialId(), g.maxNeighbors(), m));
      }
    }
    for (PropertyColumn c : properties.values()) {
      if (c.values().length != graphs.size()) {
        throw new IllegalArgumentException(
            "property %s has %d values for %d crystals"
                .formatted(c.name(), c.values().length, graphs.size()));
      }
    }
  }

  public int size() {
    return graphs.size();
  }

  public int maxNeighbors() {
    return graphs.get(0).maxNeighbors();
  }

  /** The column of {@code property}; throws naming the known columns when absent. */
  public PropertyColumn column(String property) {
    PropertyColumn c = properties.get(property);
    if (c == null) {
      throw new IllegalArgumentException(
          "training data has no property '%s' (has %s)"
              .formatted(property, new java.util.TreeSet<>(properties.keySet())));
    }
    return c;
  }
}
