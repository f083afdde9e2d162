package tomo.activities.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tomo.activities.report.Table1File.Cell;

/**
 * How two Table 1s agree on the cells both measured. {@code b} is the reference (for example a
 * published table): precision is the share of {@code a}'s significant cells that {@code b} also
 * finds, recall the share of {@code b}'s significant cells that {@code a} also finds.
 *
 * @param compared cells measured by both
 * @param agreeing compared cells both call significant or both call not significant
 * @param significantA compared cells significant in {@code a}
 * @param significantB compared cells significant in {@code b}
 * @param significantBoth compared cells significant in both
 * @param differing compared cells on which the two disagree, in (target, property, representation)
 *     order
 * @param onlyInA cells measured by {@code a} only, not compared
 * @param onlyInB cells measured by {@code b} only, not compared
 */
public record Table1Comparison(
    int compared,
    int agreeing,
    int significantA,
    int significantB,
    int significantBoth,
    List<Cell> differing,
    int onlyInA,
    int onlyInB) {

  public Table1Comparison {
    differing = List.copyOf(differing);
  }

  /** Compares two tables. */
  public static Table1Comparison of(Table1File a, Table1File b) {
    Set<Cell> both = new LinkedHashSet<>(a.measured());
    both.retainAll(b.measured());
    int agreeing = 0;
    int sigA = 0;
    int sigB = 0;
    int sigBoth = 0;
    List<Cell> differing = new ArrayList<>();
    for (Cell c : both) {
      boolean inA = a.significant().contains(c);
      boolean inB = b.significant().contains(c);
      sigA += inA ? 1 : 0;
      sigB += inB ? 1 : 0;
      sigBoth += inA && inB ? 1 : 0;
      if (inA == inB) {
        agreeing++;
      } else {
        differing.add(c);
      }
    }
    differing.sort(
        Comparator.comparing(Cell::target)
            .thenComparing(Cell::property)
            // by label, as the tables spell it: the order of the printed differences
            .thenComparing(c -> c.representation().label()));
    int onlyA = (int) a.measured().stream().filter(c -> !both.contains(c)).count();
    int onlyB = (int) b.measured().stream().filter(c -> !both.contains(c)).count();
    return new Table1Comparison(
        both.size(), agreeing, sigA, sigB, sigBoth, differing, onlyA, onlyB);
  }

  /** Share of compared cells with the same verdict; NaN when nothing was compared. */
  public double agreement() {
    return compared == 0 ? Double.NaN : (double) agreeing / compared;
  }

  /** |A ∩ B| / |A| over the compared cells; NaN when A has no significant cell. */
  public double precision() {
    return significantA == 0 ? Double.NaN : (double) significantBoth / significantA;
  }

  /** |A ∩ B| / |B| over the compared cells; NaN when B has no significant cell. */
  public double recall() {
    return significantB == 0 ? Double.NaN : (double) significantBoth / significantB;
  }

  /** Harmonic mean of precision and recall; NaN when either is undefined. */
  public double f1() {
    double p = precision();
    double r = recall();
    if (Double.isNaN(p) || Double.isNaN(r)) {
      return Double.NaN;
    }
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
