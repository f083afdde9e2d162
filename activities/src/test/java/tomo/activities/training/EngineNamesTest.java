package tomo.activities.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tomo.materials.graph.GraphMode;
import tomo.workflows.model.Representation;

/** A spec's representation names the engine's graphs. */
class EngineNamesTest {
  @Test
  void eachRepresentationHasItsGraph() {
    assertThat(GraphModes.of(Representation.STRUCTURE)).isEqualTo(GraphMode.STRUCTURE);
    assertThat(GraphModes.of(Representation.COMPOSITION)).isEqualTo(GraphMode.COMPOSITION);
  }
}
