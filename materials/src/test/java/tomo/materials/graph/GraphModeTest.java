package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GraphModeTest {
  @Test
  void sweepRepresentationsNameTheModes() {
    assertThat(GraphMode.ofRepresentation("structure")).isEqualTo(GraphMode.STRUCTURE);
    assertThat(GraphMode.ofRepresentation("composition")).isEqualTo(GraphMode.COMPOSITION);
    assertThat(GraphMode.ofRepresentation("Composition")).isEqualTo(GraphMode.COMPOSITION);
  }

  @Test
  void anyOtherNameIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> GraphMode.ofRepresentation("fooled"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'fooled'")
        .hasMessageContaining("structure, composition");
  }
}
