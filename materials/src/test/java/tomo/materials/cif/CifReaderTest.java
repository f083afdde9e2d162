package tomo.materials.cif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;
import tomo.materials.testing.Fixtures;

class CifReaderTest {

  private static Map<String, Integer> formula(Structure s) {
    Map<String, Integer> counts = new TreeMap<>();
    s.composition().atomsPerCell().forEach((e, n) -> counts.put(e.symbol(), n));
    return counts;
  }

  @Test
  void readsP1CifAsWritten() {
    Structure s = CifReader.parse(Fixtures.cifFile("NaCl-P1.cif"), "NaCl-P1.cif");
    assertThat(s.nsites()).isEqualTo(8);
    assertThat(formula(s)).containsExactlyEntriesOf(new TreeMap<>(Map.of("Cl", 4, "Na", 4)));
    assertThat(s.volumeAngstrom3()).isCloseTo(179.406144, within(1e-6));
    assertThat(s.densityGramsPerCm3()).isCloseTo(2.164, within(2e-3));
    assertThat(s.sites().get(1).fracB()).isEqualTo(0.5);
  }

  @Test
  void expandsSymmetryOperationsWithQuotesTextFieldsAndUncertainties() {
    Structure s = CifReader.parse(Fixtures.cifFile("rutile-TiO2.cif"), "rutile-TiO2.cif");
    assertThat(formula(s)).containsEntry("Ti", 2).containsEntry("O", 4).hasSize(2);
    assertThat(s.lattice().a()).isCloseTo(4.5937, within(1e-9));
    assertThat(s.lattice().c()).isCloseTo(2.9587, within(1e-9));
    // Ti on 2a: (0,0,0) and (1/2,1/2,1/2)
    assertThat(s.sites().stream().filter(x -> x.element().symbol().equals("Ti")))
        .anySatisfy(
            x -> {
              assertThat(x.fracA()).isCloseTo(0.5, within(1e-12));
              assertThat(x.fracC()).isCloseTo(0.5, within(1e-12));
            });
    // every coordinate wrapped into [0, 1)
    for (Site x : s.sites()) {
      for (double f : new double[] {x.fracA(), x.fracB(), x.fracC()}) {
        assertThat(f).isGreaterThanOrEqualTo(0).isLessThan(1);
      }
    }
    // Ti–O bond length of rutile ≈ 1.95–1.98 Å
    double[] xyz = s.cartesianCoordinates();
    double shortest = Double.MAX_VALUE;
    for (int i = 0; i < s.nsites(); i++) {
      for (int j = 0; j < s.nsites(); j++) {
        if (i != j && s.sites().get(i).element() != s.sites().get(j).element()) {
          double dx = xyz[3 * i] - xyz[3 * j];
          double dy = xyz[3 * i + 1] - xyz[3 * j + 1];
          double dz = xyz[3 * i + 2] - xyz[3 * j + 2];
          shortest = Math.min(shortest, Math.sqrt(dx * dx + dy * dy + dz * dz));
        }
      }
    }
    assertThat(shortest).isBetween(1.94, 1.99);
  }

  @Test
  void mergesRoundedSymmetryCopiesInAHexagonalCell() {
    Structure s = CifReader.parse(Fixtures.cifFile("wurtzite-ZnO.cif"), "wurtzite-ZnO.cif");
    assertThat(formula(s)).containsEntry("Zn", 2).containsEntry("O", 2).hasSize(2);
    assertThat(s.volumeAngstrom3())
        .isCloseTo(3.2498 * 3.2498 * Math.sqrt(3) / 2 * 5.2066, within(1e-6));
    assertThat(s.densityGramsPerCm3()).isCloseTo(5.67, within(0.02));
  }

  @Test
  void mergesSitesThatSymmetryMapsOntoThemselves() {
    Structure s = CifReader.parse(Fixtures.cifFile("alpha-Fe-centred.cif"), "Fe");
    assertThat(s.nsites()).isEqualTo(2);
    assertThat(s.sites()).allSatisfy(x -> assertThat(x.element().symbol()).isEqualTo("Fe"));
  }

  @Test
  void mapsChargedTypeSymbolsAndLabelsToElements() {
    assertThat(CifReader.symbolOf("Fe2+")).map(e -> e.symbol()).contains("Fe");
    assertThat(CifReader.symbolOf("O2-")).map(e -> e.symbol()).contains("O");
    assertThat(CifReader.symbolOf("Co1")).map(e -> e.symbol()).contains("Co");
    assertThat(CifReader.symbolOf("C12")).map(e -> e.symbol()).contains("C");
    assertThat(CifReader.symbolOf("OH1")).map(e -> e.symbol()).contains("O");
    assertThat(CifReader.symbolOf("SI")).map(e -> e.symbol()).contains("Si");
    assertThat(CifReader.symbolOf("Qq")).isEmpty();
    assertThat(CifReader.symbolOf("12")).isEmpty();
  }

  @Test
  void prefersTypeSymbolOverLabel() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("Na  Na0", "K   Na0");
    assertThat(formula(CifReader.parse(cif, "t"))).containsOnlyKeys("K", "Cl");
  }

  @Test
  void readsElementFromLabelWhenThereIsNoTypeSymbol() {
    String cif =
        Fixtures.ROCK_SALT_PRIMITIVE
            .replace(" _atom_site_type_symbol\n", "")
            .replace("Na  Na0", "Na1+")
            .replace("Cl  Cl1", "Cl1-");
    assertThat(formula(CifReader.parse(cif, "t"))).containsOnlyKeys("Na", "Cl");
  }

  @Test
  void picksTheDataBlockThatHasAtoms() {
    String cif = "data_global\n_journal_year 2001\n" + Fixtures.ROCK_SALT_PRIMITIVE;
    assertThat(CifReader.parse(cif, "t").nsites()).isEqualTo(2);
  }

  @Test
  void acceptsWindowsLineEndingsAndTagsInAnyCase() {
    String cif =
        Fixtures.ROCK_SALT_PRIMITIVE
            .replace("_cell_length_a", "_CELL_LENGTH_A")
            .replace("_atom_site_fract_y", "_Atom_Site_Fract_Y")
            .replace("\n", "\r\n");
    Structure s = CifReader.parse(cif, "t");
    assertThat(s.nsites()).isEqualTo(2);
    assertThat(s.lattice().a()).isCloseTo(3.98, within(1e-12));
  }

  @Test
  void unknownOccupancyCountsAsFull() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("0.5  0.5  0.5  1", "0.5  0.5  0.5  ?");
    assertThat(CifReader.parse(cif, "t").nsites()).isEqualTo(2);
  }

  // ---- bad input: each message names the source, the CIF line and the field ----

  @Test
  void rejectsUnterminatedQuote() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("'x, y, z'", "'x, y, z");
    assertThatThrownBy(() -> CifReader.parse(cif, "broken.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("broken.cif")
        .hasMessageContaining("CIF line 12")
        .hasMessageContaining("closing '");
  }

  @Test
  void rejectsLoopWithMissingValue() {
    String cif =
        Fixtures.ROCK_SALT_PRIMITIVE.replace("Cl  Cl1  0.5  0.5  0.5  1", "Cl  Cl1  0.5  0.5  1");
    assertThatThrownBy(() -> CifReader.parse(cif, "broken.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("broken.cif")
        .hasMessageContaining("CIF line 13")
        .hasMessageContaining("_atom_site_type_symbol")
        .hasMessageContaining("6 columns but 11 values");
  }

  @Test
  void rejectsNonNumericCoordinate() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("Cl  Cl1  0.5", "Cl  Cl1  0.5x");
    assertThatThrownBy(() -> CifReader.parse(cif, "bad.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("bad.cif: CIF line 21, field _atom_site_fract_x")
        .hasMessageContaining("expected a number, got '0.5x'");
  }

  @Test
  void rejectsTextThatIsNotCif() {
    assertThatThrownBy(() -> CifReader.parse("just some text\n", "notes.txt"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("notes.txt")
        .hasMessageContaining("CIF line 1");
    assertThatThrownBy(() -> CifReader.parse("", "empty.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("empty.cif")
        .hasMessageContaining("no data_ block");
  }

  @Test
  void rejectsUnknownElement() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("Cl  Cl1", "Xx  Xx1");
    assertThatThrownBy(() -> CifReader.parse(cif, "mp-x"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("mp-x: CIF line 21, field _atom_site_type_symbol")
        .hasMessageContaining("'Xx' is not a known element");
  }

  @Test
  void rejectsMissingCellParameter() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("_cell_angle_beta   60\n", "");
    assertThatThrownBy(() -> CifReader.parse(cif, "mp-x"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("mp-x")
        .hasMessageContaining("field _cell_angle_beta")
        .hasMessageContaining("missing");
    String unknown =
        Fixtures.ROCK_SALT_PRIMITIVE.replace("_cell_length_c   3.98", "_cell_length_c   ?");
    assertThatThrownBy(() -> CifReader.parse(unknown, "mp-x"))
        .hasMessageContaining("CIF line 5, field _cell_length_c")
        .hasMessageContaining("missing");
  }

  @Test
  void rejectsZeroOrNegativeVolume() {
    String flat =
        Fixtures.ROCK_SALT_PRIMITIVE
            .replace("_cell_angle_alpha   60", "_cell_angle_alpha   120")
            .replace("_cell_angle_beta   60", "_cell_angle_beta   120")
            .replace("_cell_angle_gamma   60", "_cell_angle_gamma   120");
    assertThatThrownBy(() -> CifReader.parse(flat, "flat.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("flat.cif: CIF line 6, field _cell_angle_alpha")
        .hasMessageContaining("zero or negative cell volume");
    String negative =
        Fixtures.ROCK_SALT_PRIMITIVE.replace("_cell_length_b   3.98", "_cell_length_b   -3.98");
    assertThatThrownBy(() -> CifReader.parse(negative, "neg.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("neg.cif: CIF line 4, field _cell_length_b")
        .hasMessageContaining("must be positive");
  }

  @Test
  void rejectsPartialOccupancyNamingTheSite() {
    String cif =
        Fixtures.ROCK_SALT_PRIMITIVE.replace(
            "Cl  Cl1  0.5  0.5  0.5  1", "Cl  Cl1  0.5  0.5  0.5  0.5(1)");
    assertThatThrownBy(() -> CifReader.parse(cif, "mixed.cif"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("mixed.cif: CIF line 21, field _atom_site_occupancy")
        .hasMessageContaining("site Cl1 has occupancy 0.5(1)");
    // within 1e-3 of 1 is full occupancy (rounded values in real files)
    String rounded =
        Fixtures.ROCK_SALT_PRIMITIVE.replace("0.5  0.5  0.5  1", "0.5  0.5  0.5  0.9995");
    assertThat(CifReader.parse(rounded, "t").nsites()).isEqualTo(2);
  }

  @Test
  void rejectsTwoElementsOnOnePosition() {
    String cif =
        Fixtures.ROCK_SALT_PRIMITIVE.replace("Cl  Cl1  0.5  0.5  0.5", "Cl  Cl1  0.0  0.0  0.001");
    assertThatThrownBy(() -> CifReader.parse(cif, "t"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("site Cl1 (Cl) lies within")
        .hasMessageContaining("site Na0 (Na)");
  }

  @Test
  void rejectsMissingSymmetryOperationsOutsideP1() {
    String cif =
        Fixtures.cifFile("rutile-TiO2.cif")
            .replaceAll("(?s)loop_\\n_space_group_symop_id.*?16 y,x,z\\n", "");
    assertThatThrownBy(() -> CifReader.parse(cif, "rutile"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("field _symmetry_equiv_pos_as_xyz")
        .hasMessageContaining("'P 42/m n m', not P1");
  }

  @Test
  void rejectsMalformedSymmetryOperation() {
    String cif = Fixtures.ROCK_SALT_PRIMITIVE.replace("'x, y, z'", "'x, y'");
    assertThatThrownBy(() -> CifReader.parse(cif, "t"))
        .isInstanceOf(CifException.class)
        .hasMessageContaining("CIF line 12, field _symmetry_equiv_pos_as_xyz")
        .hasMessageContaining("three comma-separated parts");
  }
}
