package tomo.workflows.model;

import java.util.Objects;

/**
 * One child workflow's share of a sweep: the cells of one target in one representation.
 *
 * @param target the property predicted
 * @param representation what the models see
 */
public record GroupKey(String target, Representation representation) {
  public GroupKey {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(representation, "representation");
  }

  /** The group of {@code cell}. */
  public static GroupKey of(CellKey cell) {
    return new GroupKey(cell.target(), cell.representation());
  }

  /**
   * {@code target/representation}, e.g. {@code band_gap/structure}: the start of the group's child
   * workflow ids, so it never changes.
   */
  public String id() {
    return target + "/" + representation.label();
  }

  @Override
  public String toString() {
    return id();
  }
}
