package tomo.activities.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/**
 * The change in test error from adding one property to one target in one representation, over the
 * seeds that have both trainings, and whether it is significant under each {@link
 * SignificanceRule}.
 *
 * @param metric {@code mae} or {@code error_rate}
 * @param seeds the seeds that contributed, ascending
 * @param meanChangePercent mean over seeds of 100 × (augmented − baseline) / baseline
 * @param minChangePercent smallest change over seeds
 * @param maxChangePercent largest change over seeds
 * @param meanBaselineMetric mean baseline test metric over the same seeds (target unit, or a
 *     fraction)
 * @param meanAugmentedMetric mean augmented test metric over the same seeds
 * @param changesPercent the change of each seed, in the order of {@code seeds}
 * @param improvedSeeds how many seeds' changes are below zero
 * @param interval paired 95 % t-interval of the mean change; {@code null} with a single seed, which
 *     has no spread to estimate
 * @param paperBounds the bar of the paper's plot script over the same seeds
 * @param missingSeeds the sweep's seeds this cell lacks (a training of either side missing or
 *     unusable), ascending
 */
// the computed properties too, in a fixed order: Jackson finds them by reflection, whose order
// varies run to run
@JsonPropertyOrder({
  "target",
  "property",
  "representation",
  "metric",
  "seeds",
  "meanChangePercent",
  "minChangePercent",
  "maxChangePercent",
  "meanBaselineMetric",
  "meanAugmentedMetric",
  "changesPercent",
  "improvedSeeds",
  "interval",
  "paperBounds",
  "missingSeeds",
  "incompleteReason",
  "significantBy",
  "complete"
})
public record CellSummary(
    String target,
    String property,
    Representation representation,
    String metric,
    List<Integer> seeds,
    double meanChangePercent,
    double minChangePercent,
    double maxChangePercent,
    double meanBaselineMetric,
    double meanAugmentedMetric,
    List<Double> changesPercent,
    int improvedSeeds,
    MeanChangeInterval interval,
    PaperBounds paperBounds,
    List<Integer> missingSeeds) {

  /** The fewest seeds a rule judges: one seed has no spread and no bar. */
  public static final int MIN_SEEDS = 2;

  public CellSummary {
    seeds = List.copyOf(seeds);
    changesPercent = List.copyOf(changesPercent);
    missingSeeds = List.copyOf(missingSeeds);
    if (changesPercent.size() != seeds.size()) {
      throw new IllegalArgumentException(
          "cell "
              + target
              + "/"
              + property
              + "/"
              + representation
              + ": "
              + seeds.size()
              + " seeds but "
              + changesPercent.size()
              + " changes");
    }
  }

  /** How many seeds the statistics are over. */
  public int seedCount() {
    return seeds.size();
  }

  /**
   * Whether every rule may judge the cell: at least {@link #MIN_SEEDS} seeds and none of the
   * sweep's missing.
   */
  @JsonProperty("complete")
  public boolean complete() {
    return seeds.size() >= MIN_SEEDS && missingSeeds.isEmpty();
  }

  /** Why the cell is incomplete ("1 seed", "seed 3 missing"), or empty when it is complete. */
  @JsonProperty("incompleteReason")
  public String incompleteReason() {
    List<String> reasons = new ArrayList<>();
    if (!missingSeeds.isEmpty()) {
      reasons.add(
          (missingSeeds.size() == 1 ? "seed " : "seeds ")
              + missingSeeds.stream().map(String::valueOf).collect(Collectors.joining(" "))
              + " missing");
    }
    if (seeds.size() < MIN_SEEDS) {
      reasons.add(seeds.size() + (seeds.size() == 1 ? " seed" : " seeds"));
    }
    return String.join(", ", reasons);
  }

  /** Whether the cell is significant under {@code rule}; never when it is incomplete. */
  public boolean significant(SignificanceRule rule) {
    if (!complete()) {
      return false;
    }
    return switch (rule) {
      case PAIRED -> maxChangePercent < 0;
      case INTERVAL -> interval != null && interval.below0();
      case PAPER_BOUNDS -> paperBounds.below0();
    };
  }

  /** The verdict of every rule, keyed by its label, in declaration order. */
  @JsonProperty("significantBy")
  public Map<String, Boolean> significantBy() {
    Map<String, Boolean> verdicts = new LinkedHashMap<>();
    for (SignificanceRule rule : SignificanceRule.values()) {
      verdicts.put(rule.label(), significant(rule));
    }
    return verdicts;
  }
}
