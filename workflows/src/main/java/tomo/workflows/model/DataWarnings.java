package tomo.workflows.model;

/**
 * What the prepare step found wrong with a dataset that did not stop the sweep.
 *
 * @param skippedRows rows that could not be read and were skipped ({@link SweepSpec#skipBadRows()})
 * @param skippedRowsFile CSV listing each skipped row (row, material_id, field, reason) in the
 *     artifact store; {@code null} when none was skipped
 * @param isolatedAtomMaterials materials with a site that has no neighbour within the structure
 *     graph's cutoff (0 without a structure representation)
 * @param isolatedAtoms such sites over all materials
 */
public record DataWarnings(
    int skippedRows, String skippedRowsFile, int isolatedAtomMaterials, long isolatedAtoms) {

  /** Nothing to warn of. */
  public static DataWarnings none() {
    return new DataWarnings(0, null, 0, 0);
  }
}
