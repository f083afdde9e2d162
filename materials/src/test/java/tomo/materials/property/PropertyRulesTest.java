package tomo.materials.property;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tomo.materials.structure.Composition;
import tomo.materials.structure.Element;
import tomo.materials.structure.PeriodicTable;

class PropertyRulesTest {

  private static Composition composition(Object... symbolCount) {
    Map<Element, Integer> counts = new HashMap<>();
    for (int i = 0; i < symbolCount.length; i += 2) {
      counts.put(
          PeriodicTable.bySymbol((String) symbolCount[i]).orElseThrow(),
          (Integer) symbolCount[i + 1]);
    }
    return new Composition(counts);
  }

  @Test
  void hubbardNeedsOxygenOrFluorineAndAUElement() {
    assertThat(HubbardRule.isHubbard(composition("Fe", 4, "O", 6))).isTrue();
    assertThat(HubbardRule.isHubbard(composition("Ni", 1, "F", 2))).isTrue();
    assertThat(HubbardRule.isHubbard(composition("Li", 1, "Mo", 1, "O", 3))).isTrue();
    assertThat(HubbardRule.isHubbard(composition("Li", 1, "Co", 1, "O", 1, "F", 1))).isTrue();
    assertThat(HubbardRule.isHubbard(composition("Fe", 1, "S", 1))).isFalse();
    assertThat(HubbardRule.isHubbard(composition("Cu", 1, "O", 1))).isFalse();
    assertThat(HubbardRule.isHubbard(composition("Li", 1, "F", 1))).isFalse();
    assertThat(HubbardRule.isHubbard(composition("Fe", 1))).isFalse();
  }

  @Test
  void crystalSystemFromSpaceGroupNumberAtEveryBoundary() {
    int[][] ranges = {{1, 2}, {3, 15}, {16, 74}, {75, 142}, {143, 167}, {168, 194}, {195, 230}};
    for (int i = 0; i < ranges.length; i++) {
      String expected = PropertyRegistry.CRYSTAL_SYSTEMS.get(i);
      assertThat(CrystalSystemRule.crystalSystem(ranges[i][0])).isEqualTo(expected);
      assertThat(CrystalSystemRule.crystalSystem(ranges[i][1])).isEqualTo(expected);
    }
    assertThatThrownBy(() -> CrystalSystemRule.crystalSystem(0)).hasMessageContaining("1–230");
    assertThatThrownBy(() -> CrystalSystemRule.crystalSystem(231)).hasMessageContaining("1–230");
  }

  @Test
  void registryHasThe13ProjectionsPlusEfermi() {
    assertThat(PropertyRegistry.projections()).hasSize(13);
    assertThat(PropertyRegistry.all()).hasSize(14);
    assertThat(PropertyRegistry.all().get(13).name()).isEqualTo("efermi");
    assertThat(PropertyRegistry.all())
        .filteredOn(PropertyDefinition::isCategorical)
        .extracting(PropertyDefinition::name)
        .containsExactly(
            "is_hubbard", "oxide_type", "spacegroup.crystal_system", "spacegroup.number");
    assertThat(PropertyRegistry.byName("spacegroup.number").classCount()).isEqualTo(230);
    assertThat(PropertyRegistry.byName("spacegroup.number").classIndex("1")).isZero();
    assertThat(PropertyRegistry.byName("spacegroup.crystal_system").classCount()).isEqualTo(7);
    assertThat(PropertyRegistry.byName("oxide_type").classIndex("ozonide")).isEqualTo(3);
    assertThat(PropertyRegistry.byName("is_hubbard").classIndex("true")).isEqualTo(1);
    assertThat(PropertyRegistry.byName("density").unit()).isEqualTo("g/cm³");
    assertThat(PropertyRegistry.byName("band_gap").classCount()).isZero();
  }

  @Test
  void classIndexNamesThePropertyAndTheAllowedClasses() {
    assertThatThrownBy(() -> PropertyRegistry.byName("oxide_type").classIndex("sulfide"))
        .hasMessageContaining("'sulfide' is not a class of oxide_type")
        .hasMessageContaining("oxide, peroxide, superoxide, ozonide, hydroxide, none");
    assertThatThrownBy(() -> PropertyRegistry.byName("spacegroup.number").classIndex("0"))
        .hasMessageContaining("spacegroup.number")
        .hasMessageContaining("1, 2 … 230");
  }
}
