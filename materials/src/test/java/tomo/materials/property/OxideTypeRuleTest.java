package tomo.materials.property;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.PeriodicTable;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

/**
 * Hand-made cells whose anions have textbook bond lengths: O–O 1.49–1.55 Å in peroxides, 1.28–1.33
 * Å in superoxides, 1.34 Å in the bent ozonide ion, O–H 0.97 Å in hydroxides.
 */
class OxideTypeRuleTest {

  /** An orthorhombic cell with sites given in Cartesian Å. */
  private static Structure cell(double a, double b, double c, Object... symbolXyz) {
    Lattice lattice = Lattice.fromParameters(a, b, c, 90, 90, 90);
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i < symbolXyz.length; i += 4) {
      sites.add(
          new Site(
              PeriodicTable.bySymbol((String) symbolXyz[i]).orElseThrow(),
              (double) symbolXyz[i + 1] / a,
              (double) symbolXyz[i + 2] / b,
              (double) symbolXyz[i + 3] / c));
    }
    return new Structure(lattice, sites);
  }

  @Test
  void rockSaltMgOIsAnOxide() {
    double a = 4.21;
    double h = a / 2;
    Structure mgo =
        cell(
            a, a, a, "Mg", 0.0, 0.0, 0.0, "Mg", 0.0, h, h, "Mg", h, 0.0, h, "Mg", h, h, 0.0, "O", h,
            0.0, 0.0, "O", 0.0, h, 0.0, "O", 0.0, 0.0, h, "O", h, h, h);
    assertThat(OxideTypeRule.oxideType(mgo)).isEqualTo("oxide");
  }

  @Test
  void li2o2IsAPeroxide() {
    Structure li2o2 =
        cell(
            4.5, 4.5, 4.5, "Li", 0.0, 0.0, 0.0, "Li", 2.25, 0.0, 0.0, "O", 2.25, 2.25, 1.475, "O",
            2.25, 2.25, 3.025); // O–O 1.55 Å
    assertThat(OxideTypeRule.oxideType(li2o2)).isEqualTo("peroxide");
  }

  @Test
  void ko2IsASuperoxide() {
    Structure ko2 =
        cell(4.0, 4.0, 6.7, "K", 0.0, 0.0, 0.0, "O", 2.0, 2.0, 2.71, "O", 2.0, 2.0, 3.99);
    assertThat(OxideTypeRule.oxideType(ko2)).isEqualTo("superoxide");
  }

  @Test
  void ko3IsAnOzonideBecauseTheCentralOxygenHasTwoPartners() {
    // bent O3⁻: O–O 1.34 Å, angle 114°, the two terminal O 2.25 Å apart
    double half = 1.34 * Math.sin(Math.toRadians(57));
    double depth = 1.34 * Math.cos(Math.toRadians(57));
    Structure ko3 =
        cell(
            6.0,
            6.0,
            6.0,
            "K",
            0.0,
            0.0,
            0.0,
            "O",
            3.0,
            3.0,
            3.0,
            "O",
            3.0 - half,
            3.0 + depth,
            3.0,
            "O",
            3.0 + half,
            3.0 + depth,
            3.0);
    assertThat(OxideTypeRule.oxideType(ko3)).isEqualTo("ozonide");
  }

  @Test
  void naohIsAHydroxide() {
    Structure naoh =
        cell(4.0, 4.0, 5.0, "Na", 0.0, 0.0, 0.0, "O", 2.0, 2.0, 2.0, "H", 2.0, 2.0, 2.97);
    assertThat(OxideTypeRule.oxideType(naoh)).isEqualTo("hydroxide");
  }

  @Test
  void hydroxideWinsOverAPeroxideBond() {
    Structure both =
        cell(
            5.0, 5.0, 6.0, "Na", 0.0, 0.0, 0.0, "O", 2.5, 2.5, 2.0, "O", 2.5, 2.5, 3.45, "H", 2.5,
            2.5, 1.03);
    assertThat(OxideTypeRule.oxideType(both)).isEqualTo("hydroxide");
  }

  @Test
  void bondsAcrossTheCellBoundaryCount() {
    // O at z = 0.3 Å and z = 5.25 Å in a 6.5 Å cell: 1.55 Å apart through the boundary
    Structure wrapped =
        cell(4.5, 4.5, 6.5, "Li", 2.25, 2.25, 3.25, "O", 0.0, 0.0, 0.3, "O", 0.0, 0.0, 5.25);
    assertThat(OxideTypeRule.oxideType(wrapped)).isEqualTo("peroxide");
  }

  @Test
  void anOxygenIsNeverPairedWithItsOwnImage() {
    // c = 1.3 Å: the O's own periodic image is 1.3 Å away, which is no superoxide bond
    Structure thin = cell(4.0, 4.0, 1.3, "Li", 0.0, 0.0, 0.0, "O", 2.0, 2.0, 0.65);
    assertThat(OxideTypeRule.oxideType(thin)).isEqualTo("oxide");
  }

  @Test
  void noOxygenOrOnlyOxygenIsNone() {
    Structure nacl = cell(4.0, 4.0, 4.0, "Na", 0.0, 0.0, 0.0, "Cl", 2.0, 2.0, 2.0);
    Structure solidOxygen = cell(4.0, 4.0, 4.0, "O", 2.0, 2.0, 1.4, "O", 2.0, 2.0, 2.61);
    assertThat(OxideTypeRule.oxideType(nacl)).isEqualTo("none");
    assertThat(OxideTypeRule.oxideType(solidOxygen)).isEqualTo("none");
  }

  @Test
  void thresholdsAreTheScaledBondLengths() {
    // just below and just above 1.1 × 1.49 Å
    double cutoff = 1.1 * 1.49;
    Structure below =
        cell(
            5.0,
            5.0,
            5.0,
            "Li",
            0.0,
            0.0,
            0.0,
            "O",
            2.5,
            2.5,
            1.0,
            "O",
            2.5,
            2.5,
            1.0 + cutoff - 1e-6);
    Structure above =
        cell(
            5.0,
            5.0,
            5.0,
            "Li",
            0.0,
            0.0,
            0.0,
            "O",
            2.5,
            2.5,
            1.0,
            "O",
            2.5,
            2.5,
            1.0 + cutoff + 1e-6);
    assertThat(OxideTypeRule.oxideType(below)).isEqualTo("peroxide");
    assertThat(OxideTypeRule.oxideType(above)).isEqualTo("oxide");
  }
}
