package tomo.materials.dataset;

import java.nio.file.Path;
import java.util.List;

/**
 * A materials dataset as read from one file.
 *
 * @param source the file read
 * @param contentSha256 hex SHA-256 of the file's decompressed CSV bytes (the same for a .csv and
 *     its .csv.gz); it identifies the file, not the subset read with a row limit or skipped rows
 * @param rows the materials read, in file order
 * @param skipped rows that could not be read (only with {@link ReadOptions#skipBad()})
 */
public record Dataset(
    Path source, String contentSha256, List<MaterialRow> rows, List<BadRow> skipped) {
  public Dataset {
    rows = List.copyOf(rows);
    skipped = List.copyOf(skipped);
  }

  /**
   * How many materials have a value (read or derived) for every one of {@code properties}: what a
   * training of those properties can use, before any split.
   */
  public int materialsWithValues(List<String> properties) {
    int n = 0;
    for (MaterialRow row : rows) {
      if (properties.stream().allMatch(p -> row.values().containsKey(p))) {
        n++;
      }
    }
    return n;
  }

  /** Number of materials. */
  public int size() {
    return rows.size();
  }
}
