package tomo.materials.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small datasets in the materials_project.csv layout for tests. */
final class DatasetFiles {
  static final String HEADER =
      "material_id,formation_energy_per_atom,band_gap,efermi,volume,total_magnetization,"
          + "spacegroup.number,spacegroup.crystal_system,cif\n";

  private DatasetFiles() {}

  /** A rock-salt CIF (primitive cell) with the given cation, as the dataset quotes it. */
  static String cif(String cation) {
    return """
        # generated using pymatgen
        data_%sCl
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
          %s  %s0  0.0  0.0  0.0  1
          Cl  Cl1  0.5  0.5  0.5  1
        """
        .formatted(cation, cation, cation);
  }

  /** One CSV row: id, the six property cells, the CIF (quoted, multi-line). */
  static String row(String id, String properties, String cif) {
    return id + "," + properties + ",\"" + cif.replace("\"", "\"\"") + "\"\n";
  }

  static String goodRow(String id) {
    return row(id, "-2.1,5.0,1.2,44.58,0.0,225,cubic", cif("Na"));
  }

  static Path write(Path dir, String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path writeGzip(Path dir, String name, String content) {
    try {
      Path file = dir.resolve(name);
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
