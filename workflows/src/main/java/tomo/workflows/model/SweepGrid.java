package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A sweep's grid: which cells it trains. Every (target, property, representation, seed) of the
 * lists, the null control added to the properties, and the seeds adaptive rounds may add.
 *
 * @param targets properties predicted
 * @param properties extra properties, each added to the model alone
 * @param representations what the models see: structure and/or composition
 * @param seeds split seeds
 * @param nullControl the property whose values, permuted across materials, make the {@link
 *     NullControl} cell of every (target, representation, seed); {@code none} = no control. In a
 *     sweep started before the field existed it is null, and means no control
 * @param moreSeeds adaptive seeds: open cells get more seeds, up to {@code upTo} ({@link
 *     MoreSeeds}); {@code null} = every cell trains exactly {@code seeds}
 */
public record SweepGrid(
    List<String> targets,
    List<String> properties,
    List<Representation> representations,
    List<Integer> seeds,
    String nullControl,
    MoreSeeds moreSeeds) {

  /** The null control's property name ({@code permuted:band_gap}), empty when there is none. */
  @JsonIgnore
  public Optional<String> controlProperty() {
    return nullControl == null || nullControl.equals(NullControl.NONE)
        ? Optional.empty()
        : Optional.of(NullControl.property(nullControl));
  }

  /**
   * What each (target, representation, seed) adds to its baseline, one cell each: the properties,
   * then the null control (unless the properties list it already).
   */
  @JsonIgnore
  public List<String> cellProperties() {
    List<String> all = new ArrayList<>(properties);
    controlProperty().filter(c -> !all.contains(c)).ifPresent(all::add);
    return List.copyOf(all);
  }

  /** (target, representation, seed) groups: one baseline each. */
  @JsonIgnore
  public long groupCount() {
    return (long) targets.size() * representations.size() * seeds.size();
  }

  /** Augmented cells: targets × (properties and the null control) × representations × seeds. */
  @JsonIgnore
  public long cellCount() {
    return groupCount() * cellProperties().size();
  }

  /** The seeds adaptive rounds may add, in round order (none without {@code moreSeeds}). */
  @JsonIgnore
  public List<Integer> adaptiveSeeds() {
    List<Integer> out = new ArrayList<>();
    if (moreSeeds != null) {
      for (int round = 1; round <= moreSeeds.upTo() - seeds.size(); round++) {
        out.add(seedOfRound(round));
      }
    }
    return out;
  }

  /**
   * The seed adaptive round {@code round} (1, 2, …) adds: the largest listed seed plus the round,
   * the same for every cell the round extends, so one baseline serves them all.
   */
  public int seedOfRound(int round) {
    return seeds.stream().mapToInt(Integer::intValue).max().orElse(0) + round;
  }
}
