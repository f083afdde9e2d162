package tomo.materials.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tomo.materials.structure.PeriodicTable;

class CgcnnNodeFeaturizerTest {
  private final CgcnnNodeFeaturizer featurizer = new CgcnnNodeFeaturizer();

  @Test
  void everyElementHasExactlyOneHotBitPerFeatureGroup() {
    List<CgcnnNodeFeaturizer.FeatureGroup> groups = CgcnnNodeFeaturizer.featureGroups();
    assertThat(PeriodicTable.maxZ()).isEqualTo(103);
    for (int z = 1; z <= 103; z++) {
      float[] v = featurizer.features(z);
      assertThat(v).hasSize(featurizer.dimension());
      int offset = 0;
      for (CgcnnNodeFeaturizer.FeatureGroup g : groups) {
        int ones = 0;
        for (int b = 0; b < g.bins(); b++) {
          float x = v[offset + b];
          assertThat(x).isIn(0f, 1f);
          ones += x == 1f ? 1 : 0;
        }
        assertThat(ones).as("element %d, group %s", z, g.name()).isEqualTo(1);
        offset += g.bins();
      }
      assertThat(offset).isEqualTo(v.length);
    }
  }

  @Test
  void documentedDimensionAndBinsForKnownElements() {
    assertThat(featurizer.dimension()).isEqualTo(98);
    float[] oxygen = featurizer.features(8);
    assertThat(oxygen[15]).as("group 16").isEqualTo(1f);
    assertThat(oxygen[19 + 1]).as("period 2").isEqualTo(1f);
    assertThat(oxygen[26 + 1]).as("p block").isEqualTo(1f);
    // oxygen is a gas: its atomic volume falls into the "80 cm³/mol and above" bin
    assertThat(oxygen[98 - 12 + 10]).isEqualTo(1f);
    float[] iron = featurizer.features(26);
    assertThat(iron[98 - 12 + 10]).isZero();
    // neon has no Pauling electronegativity: the unknown bin
    assertThat(featurizer.features(10)[30 + 10]).isEqualTo(1f);
  }

  @Test
  void elementsAreDistinguishable() {
    Set<String> vectors = new HashSet<>();
    for (int z = 1; z <= 103; z++) {
      vectors.add(java.util.Arrays.toString(featurizer.features(z)));
    }
    // the binned vectors separate nearly all elements (a few f-block neighbours may coincide)
    assertThat(vectors.size()).isGreaterThan(95);
  }

  @Test
  void unknownAtomicNumberIsAClearError() {
    assertThatThrownBy(() -> featurizer.features(0)).hasMessageContaining("atomic number 0");
    assertThatThrownBy(() -> featurizer.features(104)).hasMessageContaining("1..103");
  }
}
