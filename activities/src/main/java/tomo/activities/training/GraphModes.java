package tomo.activities.training;

import tomo.materials.graph.GraphMode;
import tomo.workflows.model.Representation;

/** The one mapping from a sweep's representation to the graph the materials module builds. */
public final class GraphModes {
  private GraphModes() {}

  /** The graph that shows a model {@code representation}. */
  public static GraphMode of(Representation representation) {
    return switch (representation) {
      case STRUCTURE -> GraphMode.STRUCTURE;
      case COMPOSITION -> GraphMode.COMPOSITION;
    };
  }
}
