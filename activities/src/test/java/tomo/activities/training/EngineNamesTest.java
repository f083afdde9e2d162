package tomo.activities.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tomo.cgcnn.OptimizerKind;
import tomo.materials.graph.GraphMode;
import tomo.workflows.model.Optimizer;
import tomo.workflows.model.Representation;

/** A spec's representation and optimizer each name the engine's own, and back. */
class EngineNamesTest {
  @Test
  void eachRepresentationHasItsGraph() {
    assertThat(GraphModes.of(Representation.STRUCTURE)).isEqualTo(GraphMode.STRUCTURE);
    assertThat(GraphModes.of(Representation.COMPOSITION)).isEqualTo(GraphMode.COMPOSITION);
  }

  @Test
  void eachOptimizerHasTheTrainersAndBack() {
    assertThat(OptimizerKinds.of(Optimizer.SGD)).isEqualTo(OptimizerKind.SGD);
    assertThat(OptimizerKinds.of(Optimizer.ADAM)).isEqualTo(OptimizerKind.ADAM);
    for (Optimizer o : Optimizer.values()) {
      assertThat(OptimizerKinds.optimizer(OptimizerKinds.of(o))).isEqualTo(o);
    }
  }
}
