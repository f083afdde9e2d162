package tomo.materials.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CIF texts and tiny datasets for the tests of every module; other modules get them through the
 * materials test-jar. The CIF files under {@code tomo/materials/cif/} come with it.
 */
public final class Fixtures {
  private Fixtures() {}

  /** Header of the tiny band-gap datasets: a material id, a band gap (eV) and a CIF. */
  public static final String BAND_GAP_HEADER = "material_id,band_gap,cif\n";

  /**
   * A small valid P1 CIF (rock salt, primitive cell) whose parts the bad-input tests break. The
   * materials dataset tests' CIF cells are built from it too.
   */
  public static final String ROCK_SALT_PRIMITIVE =
      """
      data_NaCl
      _symmetry_space_group_name_H-M   'P 1'
      _cell_length_a   3.98
      _cell_length_b   3.98
      _cell_length_c   3.98
      _cell_angle_alpha   60
      _cell_angle_beta   60
      _cell_angle_gamma   60
      loop_
       _symmetry_equiv_pos_site_id
       _symmetry_equiv_pos_as_xyz
        1  'x, y, z'
      loop_
       _atom_site_type_symbol
       _atom_site_label
       _atom_site_fract_x
       _atom_site_fract_y
       _atom_site_fract_z
       _atom_site_occupancy
        Na  Na0  0.0  0.0  0.0  1
        Cl  Cl1  0.5  0.5  0.5  1
      """;

  /** The text of a CIF file under {@code tomo/materials/cif/}, e.g. {@code NaCl-P1.cif}. */
  public static String cifFile(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/tomo/materials/cif/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A CIF of a cubic cell of side {@code a} Å holding {@code sites}, each {@code "Symbol x y z"} in
   * fractional coordinates. Lengths are written with four decimals ({@code 5.6400}); each site is
   * labelled by its symbol and index ({@code Na0}, {@code Cl4}) and has occupancy 1.
   */
  public static String cubicCif(String name, double a, String... sites) {
    String length = String.format(Locale.ROOT, "%.4f", a);
    StringBuilder cif =
        new StringBuilder(
            """
            data_%s
            _cell_length_a %s
            _cell_length_b %s
            _cell_length_c %s
            _cell_angle_alpha 90
            _cell_angle_beta 90
            _cell_angle_gamma 90
            loop_
            _atom_site_type_symbol
            _atom_site_label
            _atom_site_fract_x
            _atom_site_fract_y
            _atom_site_fract_z
            _atom_site_occupancy
            """
                .formatted(name, length, length, length));
    for (int i = 0; i < sites.length; i++) {
      String[] parts = sites[i].trim().split("\\s+", 2);
      cif.append(parts[0]).append(' ').append(parts[0]).append(i).append(' ');
      cif.append(parts[1]).append(" 1\n");
    }
    return cif.toString();
  }

  /** Rock-salt NaCl in its conventional cubic cell of side {@code a} Å (8 sites, Na first). */
  public static String rockSalt(double a) {
    return cubicCif(
        "NaCl",
        a,
        "Na 0 0 0",
        "Na 0 0.5 0.5",
        "Na 0.5 0 0.5",
        "Na 0.5 0.5 0",
        "Cl 0.5 0 0",
        "Cl 0 0.5 0",
        "Cl 0 0 0.5",
        "Cl 0.5 0.5 0.5");
  }

  /** One CSV row: {@code id}, the other cells as given, then {@code cif} quoted (multi-line). */
  public static String row(String id, String cells, String cif) {
    return id + "," + cells + ",\"" + cif.replace("\"", "\"\"") + "\"\n";
  }

  /**
   * Writes 30 rock-salt cells ({@link #BAND_GAP_HEADER}): ids {@code mp-100} to {@code mp-129},
   * side 5.40 + 0.02 i Å, band gap 1 + 0.1 i eV when {@code withValues}, else empty.
   */
  public static Path writeRockSaltBandGaps(Path csv, boolean withValues) throws IOException {
    StringBuilder s = new StringBuilder(BAND_GAP_HEADER);
    for (int i = 0; i < 30; i++) {
      String gap = withValues ? String.format(Locale.ROOT, "%.3f", 1 + 0.1 * i) : "";
      s.append(row("mp-" + (100 + i), gap, rockSalt(5.40 + 0.02 * i)));
    }
    return Files.writeString(csv, s);
  }
}
