package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.report.Table1File.Cell;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/** Precision, recall and F1 of two hand-made Table 1s, typed in the documented schema. */
class Table1ComparisonTest {

  @TempDir Path dir;

  // 2 targets × 3 properties × 2 representations, the target as its own property excluded: 10
  // cells measured by each.
  static final String A =
      """
      {"representations": ["structure", "composition"],
       "properties": ["density", "volume", "band_gap"],
       "table1": [
         {"target": "band_gap",
          "significantByRepresentation": {"structure": ["density", "volume"],
                                          "composition": ["density"]}},
         {"target": "formation_energy_per_atom",
          "significantByRepresentation": {"structure": ["band_gap"], "composition": []}}]}
      """;
  static final String B =
      """
      {"title": "published",
       "representations": ["structure", "composition"],
       "properties": ["density", "volume", "band_gap"],
       "targets": ["band_gap", "formation_energy_per_atom"],
       "table1": [
         {"target": "band_gap",
          "significantByRepresentation": {"structure": ["density"],
                                          "composition": ["density", "volume"]}},
         {"target": "formation_energy_per_atom",
          "significantByRepresentation": {"structure": ["band_gap", "density"]}}]}
      """;

  private Path write(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  @Test
  void precisionRecallAndF1OfTheSignificantSets() throws Exception {
    Table1File a = Table1File.read(write("a.json", A), SignificanceRule.PAIRED);
    Table1File b = Table1File.read(write("b.json", B), SignificanceRule.PAIRED);

    Table1Comparison c = Table1Comparison.of(a, b);

    // A: 4 significant, B: 5, both: band_gap/density (×2) and formation/band_gap/structure.
    assertThat(c.compared()).isEqualTo(10);
    assertThat(c.significantA()).isEqualTo(4);
    assertThat(c.significantB()).isEqualTo(5);
    assertThat(c.significantBoth()).isEqualTo(3);
    assertThat(c.agreeing()).isEqualTo(7);
    assertThat(c.agreement()).isCloseTo(0.7, within(1e-12));
    assertThat(c.precision()).isCloseTo(0.75, within(1e-12));
    assertThat(c.recall()).isCloseTo(0.6, within(1e-12));
    assertThat(c.f1()).isCloseTo(2 * 0.75 * 0.6 / 1.35, within(1e-12));
    assertThat(c.differing())
        .containsExactly(
            new Cell("band_gap", "volume", Representation.COMPOSITION),
            new Cell("band_gap", "volume", Representation.STRUCTURE),
            new Cell("formation_energy_per_atom", "density", Representation.STRUCTURE));
    assertThat(c.onlyInA()).isZero();
    assertThat(c.onlyInB()).isZero();
  }

  private static String oneSignificant(String property) {
    return """
        {"representations": ["structure"], "properties": ["density", "volume"],
         "table1": [{"target": "band_gap",
                     "significantByRepresentation": {"structure": ["%s"]}}]}
        """
        .formatted(property);
  }

  @Test
  void disjointSignificantSetsHaveF1Zero() throws Exception {
    Table1Comparison c =
        Table1Comparison.of(
            Table1File.read(write("x.json", oneSignificant("density")), SignificanceRule.PAIRED),
            Table1File.read(write("y.json", oneSignificant("volume")), SignificanceRule.PAIRED));
    assertThat(c.compared()).isEqualTo(2);
    assertThat(c.agreeing()).isZero();
    assertThat(c.precision()).isZero();
    assertThat(c.recall()).isZero();
    assertThat(c.f1()).isZero();
  }

  @Test
  void aTableWithoutTheIntervalCriterionIsNamedWhenItIsAskedFor() throws Exception {
    Path b = write("b.json", B);
    assertThatThrownBy(() -> Table1File.read(b, SignificanceRule.INTERVAL))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(b + ", field table1[0].significantByRule.interval: missing")
        .hasMessageContaining("the table gives the paired rule's lists");
  }

  @Test
  void aPropertyOutsideTheListIsNamed() throws Exception {
    Path bad =
        write(
            "bad.json",
            A.replace("[\"band_gap\"], \"composition\"", "[\"nsites\"], \"composition\""));
    assertThatThrownBy(() -> Table1File.read(bad, SignificanceRule.PAIRED))
        .hasMessage(
            bad
                + ", field table1[1].significantByRepresentation.structure: property 'nsites' is"
                + " not in properties [density, volume, band_gap]");
  }

  @Test
  void aReportsOwnTable1JsonReadsBackWithItsCells() throws Exception {
    SweepReport report = new SweepAggregator().aggregate(SweepAggregatorTest.handMade());
    ReportFiles files = new ReportWriter().write(report, dir.resolve("r"));

    Table1File t = Table1File.read(files.table1Json(), SignificanceRule.PAIRED);

    assertThat(t.measured()).hasSize(report.cells().size());
    assertThat(t.significant())
        .containsExactly(
            new Cell("band_gap", "density", Representation.STRUCTURE),
            new Cell("spacegroup.crystal_system", "band_gap", Representation.STRUCTURE));
    // volume, composition: -5 % for both its seeds, but seed 3 is missing
    Cell volume = new Cell("band_gap", "volume", Representation.COMPOSITION);
    assertThat(t.meanChangePercent().get(volume)).isCloseTo(-5, within(1e-9));
    assertThat(t.incomplete())
        .containsExactly(new Cell("band_gap", "density", Representation.COMPOSITION), volume);
    assertThat(Table1File.read(files.table1Json(), SignificanceRule.INTERVAL).significant())
        .isEmpty();
    assertThat(Table1File.read(files.table1Json()).rule()).isEqualTo(SignificanceRule.PAIRED);
    Table1Comparison self =
        Table1Comparison.of(t, Table1File.read(files.table1Json(), SignificanceRule.PAIRED));
    assertThat(self.agreement()).isEqualTo(1.0);
    assertThat(self.f1()).isEqualTo(1.0);
  }
}
