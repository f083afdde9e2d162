package tomo.materials.dataset;

/**
 * A dataset row that was skipped because it could not be read.
 *
 * @param row 1-based data-row number (header excluded); 0 for the header
 * @param materialId the row's material_id, or "" when it has none
 * @param field the CSV column (and CIF field, where one is involved) at fault
 * @param reason what was wrong and what was expected
 */
public record BadRow(int row, String materialId, String field, String reason) {}
