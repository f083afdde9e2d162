package tomo.activities.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tomo.workflows.model.TrainingOutcome;

/**
 * Recovers the order of targets and properties that a report was written in from its {@code
 * trainings.csv}, so that a re-rendered report lists rows and columns as the original did (a
 * sweep's report follows its spec's property order, which the trainings file does not state).
 *
 * <p>The file is sorted by target, then representation and seed, then property (see {@link
 * SweepAggregator}), all names by one order. So consecutive targets, and consecutive properties of
 * one (target, representation, seed), say which name comes first; the answer is the order that
 * satisfies all of these. Names these leave unordered, and names that files order differently, keep
 * the order in which they first appear.
 */
public final class ReportNameOrder {

  private ReportNameOrder() {}

  /**
   * @param files the trainings of each file, in file order
   * @return every target and property name, to be given to {@link SweepAggregator} as its preferred
   *     order
   */
  public static List<String> recover(List<List<TrainingOutcome>> files) {
    Map<String, Integer> firstSeen = new LinkedHashMap<>();
    Map<String, Set<String>> after = new HashMap<>();
    for (List<TrainingOutcome> file : files) {
      TrainingOutcome previous = null;
      for (TrainingOutcome t : file) {
        see(firstSeen, t.target());
        see(firstSeen, t.property());
        if (previous != null) {
          if (!previous.target().equals(t.target())) {
            precedes(after, previous.target(), t.target());
          } else if (previous.representation().equals(t.representation())
              && previous.seed() == t.seed()
              && previous.property() != null
              && t.property() != null
              && !previous.property().equals(t.property())) {
            precedes(after, previous.property(), t.property());
          }
        }
        previous = t;
      }
    }
    Map<String, Integer> before = new HashMap<>();
    firstSeen.keySet().forEach(n -> before.put(n, 0));
    after.values().forEach(set -> set.forEach(n -> before.merge(n, 1, Integer::sum)));
    // Kahn's algorithm, taking the earliest-seen name among those free to come next.
    TreeSet<String> remaining = new TreeSet<>((a, b) -> firstSeen.get(a) - firstSeen.get(b));
    remaining.addAll(firstSeen.keySet());
    List<String> order = new ArrayList<>();
    while (!remaining.isEmpty()) {
      String next =
          remaining.stream()
              .filter(n -> before.get(n) == 0)
              .findFirst()
              // Files that disagree leave a cycle: break it at the earliest-seen name.
              .orElse(remaining.first());
      remaining.remove(next);
      order.add(next);
      for (String n : after.getOrDefault(next, Set.of())) {
        before.merge(n, -1, Integer::sum);
      }
    }
    return order;
  }

  private static void see(Map<String, Integer> firstSeen, String name) {
    if (name != null) {
      firstSeen.putIfAbsent(name, firstSeen.size());
    }
  }

  private static void precedes(Map<String, Set<String>> after, String first, String second) {
    if (!Objects.equals(first, second)) {
      after.computeIfAbsent(first, k -> new LinkedHashSet<>()).add(second);
    }
  }
}
