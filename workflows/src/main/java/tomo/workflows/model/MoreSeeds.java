package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Adaptive seeds ({@code moreSeeds} in a spec): once a cell's seeds are done, it gets one more seed
 * while its decision is not settled, up to {@code upTo} seeds in all.
 *
 * <p>The rule, whatever the report's primary rule: a cell is <em>settled</em> when the paired 95 %
 * t-interval of its mean change over its seeds lies wholly below 0 or wholly above 0 (the sign is
 * decided), or wholly inside ±{@code effect} % (any effect it has is smaller than the size worth
 * finding). Otherwise it is <em>open</em> and gets the round's seed, together with the baseline
 * that seed needs. Round k's seed is the largest seed of the spec plus k ({@link
 * SweepGrid#seedOfRound}), the same for every cell it extends, so one baseline serves them all; a
 * cell settled in a round is never extended again (its numbers do not change). A cell with a failed
 * or missing training gets no seed (retry it first).
 *
 * @param upTo the most seeds a cell gets, the spec's included
 * @param effect the smallest change worth finding, in percent (default {@link #DEFAULT_EFFECT}: the
 *     null control's size gate)
 */
public record MoreSeeds(int upTo, double effect) {
  /** The effect size of a spec that gives none, in percent. */
  public static final double DEFAULT_EFFECT = 5.0;

  /**
   * How a spec's {@code moreSeeds} block reads: {@code {upTo: 7}} or {@code {upTo: 7, effect: 3}}.
   */
  @JsonCreator
  public static MoreSeeds fromSpec(
      @JsonProperty("upTo") Integer upTo, @JsonProperty("effect") Double effect) {
    return new MoreSeeds(upTo == null ? 0 : upTo, effect == null ? DEFAULT_EFFECT : effect);
  }

  /**
   * Whether a cell whose changes' 95 % interval is [{@code low}, {@code high}] % is settled, and
   * why (or why not).
   */
  public String verdict(double low, double high) {
    if (high < 0) {
      return "settled: the 95 %% interval [%+.1f, %+.1f] %% lies below 0".formatted(low, high);
    }
    if (low > 0) {
      return "settled: the 95 %% interval [%+.1f, %+.1f] %% lies above 0".formatted(low, high);
    }
    if (low > -effect && high < effect) {
      return "settled: the 95 %% interval [%+.1f, %+.1f] %% lies within ±%s %%"
          .formatted(low, high, trim(effect));
    }
    return "open: the 95 %% interval [%+.1f, %+.1f] %% holds 0 and reaches beyond ±%s %%"
        .formatted(low, high, trim(effect));
  }

  /** Whether {@link #verdict} leaves the cell open. */
  public static boolean open(String verdict) {
    return verdict.startsWith("open");
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
