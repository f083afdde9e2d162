package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A sweep's data: which file, which of its rows, and what happens to rows and names it cannot use.
 *
 * @param dataset dataset file path; {@code null} = the default location resolved by the worker
 * @param selection the rows every training reads (all, the first N, a seeded random N) and whether
 *     unreadable rows are skipped (each one counted and listed in the report's {@code
 *     skipped-rows.csv}) instead of failing the sweep on the first; in JSON the spec's flat fields
 *     {@code limit}, {@code sample}, {@code sampleSeed} (null without a sample, as a spec file
 *     leaves them out) and {@code skipBadRows}
 * @param skipMissing when true, targets and properties the dataset neither holds nor derives are
 *     left out (their cells listed in the report as not run) instead of refusing the sweep
 * @param unavailable the names left out that way (filled by {@code tomo sweep start})
 * @param incompleteRows {@code drop} (the paper's rule): rows lacking any of the grid's targets or
 *     properties are dropped before the split; {@code keep}: each target trains on the rows that
 *     have it, and a cell whose property lacks values gets a baseline masked to its rows
 */
public record DataSelection(
    String dataset,
    @JsonIgnore RowSelection selection,
    boolean skipMissing,
    List<UnavailableName> unavailable,
    IncompleteRows incompleteRows) {

  public DataSelection {
    // absent means the same in a spec file and in a sweep started before the field existed
    selection = selection == null ? RowSelection.ALL : selection;
    unavailable = unavailable == null ? List.of() : List.copyOf(unavailable);
    // no earlier sweep's data lacked a value, so none of them dropped a row either way
    incompleteRows = incompleteRows == null ? IncompleteRows.DROP : incompleteRows;
  }

  /** The data part as a spec's JSON writes it, flat. */
  @JsonCreator
  static DataSelection fromJson(
      @JsonProperty("dataset") String dataset,
      @JsonProperty("limit") int limit,
      @JsonProperty("sample") Integer sample,
      @JsonProperty("sampleSeed") Long sampleSeed,
      @JsonProperty("skipBadRows") boolean skipBadRows,
      @JsonProperty("skipMissing") boolean skipMissing,
      @JsonProperty("unavailable") List<UnavailableName> unavailable,
      @JsonProperty("incompleteRows") IncompleteRows incompleteRows) {
    return new DataSelection(
        dataset,
        RowSelection.of(limit, sample, sampleSeed, skipBadRows),
        skipMissing,
        unavailable,
        incompleteRows);
  }

  @JsonProperty("limit")
  int limitJson() {
    return selection.rows().limit();
  }

  @JsonProperty("sample")
  Integer sampleJson() {
    return selection.rows() instanceof Rows.Sample s ? s.count() : null;
  }

  @JsonProperty("sampleSeed")
  Long sampleSeedJson() {
    return selection.rows() instanceof Rows.Sample s ? s.seed() : null;
  }

  @JsonProperty("skipBadRows")
  boolean skipBadRowsJson() {
    return selection.skipBadRows();
  }
}
