package tomo.workflows.model;

/**
 * A training that failed for good.
 *
 * @param reason the failure's message (names row and field for bad input)
 * @param type the failure type, e.g. {@code BadInput}
 */
public record CellFailure(CellKey cell, String reason, String type) {}
