package tomo.materials.cif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the CIF test fixtures under {@code tomo/materials/cif/}. */
public final class CifFixtures {
  private CifFixtures() {}

  static String text(String name) {
    try (InputStream in = CifFixtures.class.getResourceAsStream("/tomo/materials/cif/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A small valid P1 CIF (rock salt, primitive cell) whose parts the bad-input tests break. The
   * dataset tests' CIF cells are built from it too ({@code DatasetFiles.cif}).
   */
  public static final String ROCK_SALT =
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
}
