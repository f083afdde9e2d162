package tomo.activities.report;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tomo.workflows.model.SignificanceRule;

/**
 * How a report decides significance: the primary rule (the one Table 1's "significant" list uses;
 * every rule is shown) and the seeds of the sweep, which every cell must hold in full, each with
 * both trainings, to be judged at all.
 *
 * @param primaryRule the rule of Table 1's "significant" list
 * @param sweepSeeds the sweep's seeds, ascending; empty only before {@link #resolved} when they are
 *     to be taken from the trainings
 * @param seedSource where {@code sweepSeeds} come from
 */
public record ReportCriteria(
    SignificanceRule primaryRule, List<Integer> sweepSeeds, SeedSource seedSource) {

  /** Where a report's list of the sweep's seeds comes from; JSON spells it by its label. */
  public enum SeedSource {
    /** The sweep's spec. */
    SPEC("spec", "the sweep's spec"),
    /**
     * The sweep's seeds as the report(s) rendered again recorded them from its spec: described as
     * the spec is, so that rendering a report again gives the same text (JSON says "recorded").
     */
    RECORDED("recorded", "the sweep's spec"),
    /** Not known: every seed any training has. A seed no training reached cannot be missed. */
    SEEN(
        "seen",
        "the seeds seen in the trainings (the sweep's own list was not available, so a seed no"
            + " training of the report has cannot show as missing)");

    private final String label;
    private final String description;

    SeedSource(String label, String description) {
      this.label = label;
      this.description = description;
    }

    /** The name table1.json's {@code seedsFrom} uses. */
    @JsonValue
    public String label() {
      return label;
    }

    /** Says where the seeds come from, for report texts. */
    public String description() {
      return description;
    }
  }

  public ReportCriteria {
    if (primaryRule == null || seedSource == null) {
      throw new IllegalArgumentException("a report needs a primary rule and a seed source");
    }
    sweepSeeds = List.copyOf(new TreeSet<>(sweepSeeds));
    if (sweepSeeds.isEmpty() && seedSource != SeedSource.SEEN) {
      throw new IllegalArgumentException("no seeds from " + seedSource.description());
    }
  }

  /** The criteria of a sweep whose spec is at hand. */
  public static ReportCriteria ofSpec(SignificanceRule primaryRule, Collection<Integer> seeds) {
    return new ReportCriteria(primaryRule, List.copyOf(seeds), SeedSource.SPEC);
  }

  /** The criteria of a report rendered again from files that recorded the sweep's seeds. */
  public static ReportCriteria recorded(SignificanceRule primaryRule, Collection<Integer> seeds) {
    return new ReportCriteria(primaryRule, List.copyOf(seeds), SeedSource.RECORDED);
  }

  /** The criteria when the sweep's seeds are unknown: those of the trainings are taken. */
  public static ReportCriteria seenInTrainings(SignificanceRule primaryRule) {
    return new ReportCriteria(primaryRule, List.of(), SeedSource.SEEN);
  }

  /** Paired as the primary rule, the seeds of the trainings: aggregation without a spec. */
  public static ReportCriteria defaults() {
    return seenInTrainings(SignificanceRule.DEFAULT);
  }

  /**
   * These criteria with the seeds to judge cells against: the {@code seen} seeds when the sweep's
   * are still to be taken from the trainings, otherwise these criteria unchanged.
   */
  public ReportCriteria resolved(Collection<Integer> seen) {
    return seedSource == SeedSource.SEEN && sweepSeeds.isEmpty()
        ? new ReportCriteria(primaryRule, List.copyOf(seen), seedSource)
        : this;
  }

  /** What a rule asks of a cell, one sentence for report texts. */
  public static String ruleText(SignificanceRule rule) {
    return switch (rule) {
      case PAIRED ->
          "paired: adding the property lowered the test MAE (error rate for categorical targets)"
              + " for every seed, the largest per-seed change is below 0";
      case INTERVAL -> "interval: the " + MeanChangeInterval.METHOD + ", lies wholly below 0";
      case PAPER_BOUNDS ->
          "paper-bounds (the paper's plot script): "
              + PaperBounds.METHOD
              + "; significant when the upper bound is below 0 (the worst augmented seed beats"
              + " the best baseline seed, unpaired)";
    };
  }

  /** Every rule's text, the primary one marked, for a report's header. */
  public String rulesText() {
    StringBuilder s = new StringBuilder();
    for (SignificanceRule rule : SignificanceRule.values()) {
      s.append(ruleText(rule)).append(rule == primaryRule ? " [primary]" : "").append(". ");
    }
    return s.toString().trim();
  }

  /** One line for a report's header: the primary rule and the seeds a cell needs. */
  public String describe() {
    return "Primary rule (Table 1's \"significant\"): "
        + primaryRule.label()
        + ". Seeds of the sweep: "
        + (sweepSeeds.isEmpty()
            ? "none"
            : sweepSeeds.stream().map(String::valueOf).collect(Collectors.joining(" ")))
        + ", from "
        + seedSource.description()
        + "; a cell without every one of them (both trainings each), or with fewer than 2, is"
        + " incomplete and never significant.";
  }
}
