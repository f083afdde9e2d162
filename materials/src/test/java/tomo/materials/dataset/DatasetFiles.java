package tomo.materials.dataset;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import tomo.materials.testing.Fixtures;

/** Writes small datasets in the materials_project.csv layout for tests. */
final class DatasetFiles {
  static final String HEADER =
      "material_id,formation_energy_per_atom,band_gap,efermi,volume,total_magnetization,"
          + "spacegroup.number,spacegroup.crystal_system,cif\n";

  private DatasetFiles() {}

  /** A rock-salt CIF (primitive cell) with the given cation, as the dataset quotes it. */
  static String cif(String cation) {
    // the dataset's CIFs start with pymatgen's comment; "Na" occurs only as the cation
    return "# generated using pymatgen\n" + Fixtures.ROCK_SALT_PRIMITIVE.replace("Na", cation);
  }

  static String goodRow(String id) {
    return Fixtures.row(id, "-2.1,5.0,1.2,44.58,0.0,225,cubic", cif("Na"));
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
