package tomo.materials.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.property.PermutedProperty;
import tomo.materials.property.PropertyKind;
import tomo.materials.property.PropertyRegistry;
import tomo.materials.property.PropertyValue;
import tomo.materials.property.UnknownPropertyException;
import tomo.materials.property.ValueSource;
import tomo.materials.testing.Fixtures;

/** The null control's column: a property's values permuted across the materials read. */
class PermutedColumnTest {
  private static final String CONTROL = "permuted:band_gap";

  @TempDir Path dir;

  /** 40 rock-salt rows, band gap 0.1 i eV, empty (missing) for every 7th row. */
  private Path dataset(String name) {
    StringBuilder csv = new StringBuilder(Fixtures.BAND_GAP_HEADER);
    for (int i = 0; i < 40; i++) {
      String gap = i % 7 == 3 ? "" : String.format(Locale.ROOT, "%.1f", 0.1 * i);
      csv.append(Fixtures.row("mp-" + (100 + i), gap, Fixtures.rockSalt(5.40 + 0.01 * i)));
    }
    return DatasetFiles.write(dir, name, csv.toString());
  }

  private static List<PropertyValue> column(Dataset d, String property) {
    List<PropertyValue> out = new ArrayList<>();
    d.rows().forEach(r -> out.add(r.value(property).orElse(null)));
    return out;
  }

  private static List<Double> sortedNumbers(List<PropertyValue> values) {
    return values.stream().filter(v -> v != null).map(PropertyValue::number).sorted().toList();
  }

  @Test
  void isATruePermutationOfTheSourceThatMovesValuesAndKeepsTheMissingOnes() {
    Dataset d = DatasetReader.read(dataset("a.csv"), ReadOptions.defaults());
    Dataset withControl = d.withColumns(List.of(CONTROL));
    List<PropertyValue> source = column(withControl, "band_gap");
    List<PropertyValue> permuted = column(withControl, CONTROL);

    // same multiset of values: the marginal distribution is kept exactly
    assertThat(sortedNumbers(permuted)).isEqualTo(sortedNumbers(source));
    // a material without a band gap has no control value, and the reverse
    for (int i = 0; i < source.size(); i++) {
      assertThat(permuted.get(i) == null).as("row %d", i).isEqualTo(source.get(i) == null);
    }
    // not the identity: most materials get another material's value
    int moved = 0;
    for (int i = 0; i < source.size(); i++) {
      if (source.get(i) != null && source.get(i).number() != permuted.get(i).number()) {
        moved++;
      }
    }
    assertThat(moved).isGreaterThan(source.size() / 2);
    assertThat(permuted.stream().filter(v -> v != null).map(PropertyValue::source))
        .containsOnly(ValueSource.PERMUTED);
    // the dataset's own columns are untouched
    assertThat(column(withControl, "band_gap")).isEqualTo(column(d, "band_gap"));
    assertThat(d.withColumns(List.of("band_gap", "volume"))).isSameAs(d);
  }

  @Test
  void isTheSameOnEveryReadOfTheSameRowsWhateverElseIsAsked() {
    // two workers read the same file: the seed is fixed, not the training's split seed
    Dataset one = DatasetReader.read(dataset("a.csv"), ReadOptions.defaults());
    Dataset two = DatasetReader.read(dataset("b.csv"), ReadOptions.defaults());
    assertThat(column(one.withColumns(List.of(CONTROL)), CONTROL))
        .isEqualTo(column(two.withColumns(List.of("band_gap", CONTROL, "volume")), CONTROL));
    assertThat(PermutedProperty.SEED).isNotZero();
  }

  @Test
  void countsTheMaterialsItsSourceHas() {
    Dataset d = DatasetReader.read(dataset("a.csv"), ReadOptions.defaults());
    assertThat(d.materialsWithValues(List.of(CONTROL)))
        .isEqualTo(d.materialsWithValues(List.of("band_gap")))
        .isEqualTo(40 - 6);
  }

  @Test
  void isAPropertyOfTheRegistryWithItsSourcesKindButNeverReadFromAFile() {
    assertThat(PropertyRegistry.byName(CONTROL).name()).isEqualTo(CONTROL);
    assertThat(PropertyRegistry.byName(CONTROL).unit()).isEqualTo("eV");
    assertThat(PropertyRegistry.byName("permuted:spacegroup.number").kind())
        .isEqualTo(PropertyKind.CATEGORICAL);
    assertThat(PropertyRegistry.byName("permuted:spacegroup.number").classCount()).isEqualTo(230);
    assertThat(PropertyRegistry.find("permuted:nope")).isEmpty();
    assertThat(PropertyRegistry.find("permuted:permuted:band_gap")).isEmpty();
    assertThatThrownBy(() -> PropertyRegistry.byName("permuted:nope"))
        .isInstanceOf(UnknownPropertyException.class)
        .hasMessageContaining("'nope' is not a property to permute");
    assertThat(PropertyRegistry.all()).noneMatch(p -> p.name().contains(":"));

    // a file column spelled like a control is ignored, not read as the control
    String csv =
        "material_id,band_gap,permuted:band_gap,cif\n"
            + Fixtures.row("mp-1", "1.5,9.9", Fixtures.rockSalt(5.4))
            + Fixtures.row("mp-2", "2.5,9.9", Fixtures.rockSalt(5.5));
    Dataset d = DatasetReader.read(DatasetFiles.write(dir, "c.csv", csv), ReadOptions.defaults());
    assertThat(d.rows().get(0).value(CONTROL)).isEmpty();
    assertThat(sortedNumbers(column(d.withColumns(List.of(CONTROL)), CONTROL)))
        .containsExactly(1.5, 2.5);
  }

  @Test
  void isAvailableWhereItsSourceIs() {
    DatasetColumns columns =
        new DatasetColumns(dir.resolve("x.csv"), List.of("material_id", "band_gap", "cif"));
    assertThat(columns.unavailable(CONTROL)).isEmpty();
    assertThat(columns.unavailable("permuted:density")).isEmpty(); // derived from the structure
    assertThat(columns.unavailable("permuted:energy"))
        .hasValueSatisfying(why -> assertThat(why).contains("no 'energy' column"));
    assertThat(columns.unavailable("permuted:nope"))
        .hasValueSatisfying(why -> assertThat(why).contains("not a property to permute"));
  }
}
