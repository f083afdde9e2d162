package tomo.activities.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One target's row of the paper's Table 1.
 *
 * @param significantByRepresentation per representation (in report order), the properties whose
 *     addition reduced the test error for every seed, in report order
 * @param structureNotComposition properties significant with the structure but not with the
 *     composition only; empty when the report lacks either representation
 * @param significantByIntervalByRepresentation per representation, the properties whose paired 95 %
 *     interval of the mean change lies below zero (the second criterion), in report order
 */
public record Table1Row(
    String target,
    Map<String, List<String>> significantByRepresentation,
    List<String> structureNotComposition,
    Map<String, List<String>> significantByIntervalByRepresentation) {

  public Table1Row {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    significantByRepresentation.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    significantByRepresentation = Collections.unmodifiableMap(copy);
    structureNotComposition = List.copyOf(structureNotComposition);
    Map<String, List<String>> interval = new LinkedHashMap<>();
    significantByIntervalByRepresentation.forEach((k, v) -> interval.put(k, List.copyOf(v)));
    significantByIntervalByRepresentation = Collections.unmodifiableMap(interval);
  }
}
