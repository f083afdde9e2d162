package tomo.workflows.model;

import java.util.List;

/**
 * The work of one child workflow: the cells of one (target, representation).
 *
 * @param sweepId the parent sweep
 * @param groupId unique within the sweep, e.g. {@code band_gap/structure/r0}
 * @param cells explicit cells (a retry round; baselines may be listed), or {@code null} for every
 *     seed × property of the spec ({@link SweepGrid#cellProperties}: its null control included) in
 *     seed-major order
 * @param offset index of the first cell not yet started (continue-as-new resumes here)
 * @param tally what earlier runs of this group did
 * @param round 0: the spec's seeds (or a retry's cells); k &gt; 0: adaptive round k, whose cells
 *     are the open cells with round k's seed ({@link MoreSeeds})
 */
public record GroupRequest(
    String sweepId,
    String groupId,
    SweepSpec spec,
    PreparedDataset data,
    String target,
    Representation representation,
    List<CellKey> cells,
    int offset,
    GroupTally tally,
    int round) {

  /** Adaptive round {@code next} of this group: {@code open} cells with the round's seed. */
  public GroupRequest nextRound(int next, List<CellKey> open, GroupTally carried) {
    return new GroupRequest(
        sweepId, groupId, spec, data, target, representation, open, 0, carried, next);
  }

  /** Whether this run may add seeds when it ends: the spec asks for it, and this is no retry. */
  public boolean adaptive() {
    return spec.grid().moreSeeds() != null && (cells == null || round > 0);
  }

  /** Number of work items (cells, or listed keys). */
  public int size() {
    return cells != null
        ? cells.size()
        : spec.grid().seeds().size() * spec.grid().cellProperties().size();
  }

  /** The {@code i}-th work item. */
  public CellKey item(int i) {
    if (cells != null) {
      return cells.get(i);
    }
    List<String> properties = spec.grid().cellProperties();
    int p = properties.size();
    return new CellKey(
        target, properties.get(i % p), representation, spec.grid().seeds().get(i / p));
  }

  public GroupRequest continueAt(int nextOffset, GroupTally carried) {
    return new GroupRequest(
        sweepId, groupId, spec, data, target, representation, cells, nextOffset, carried, round);
  }
}
