package tomo.activities.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/**
 * One target's row of the paper's Table 1.
 *
 * @param significantByRepresentation per representation (in report order), the properties
 *     significant under the report's primary rule ({@link ReportCriteria#primaryRule()}), in report
 *     order
 * @param structureNotComposition properties significant (primary rule) with the structure but not
 *     with the composition only; empty when the report lacks either representation
 * @param significantByRule per rule, per representation, the properties significant under that
 *     rule; every rule is present
 * @param incompleteByRepresentation per representation, the properties whose cell is incomplete (a
 *     seed of the sweep missing, or fewer than 2): never significant under any rule
 */
public record Table1Row(
    String target,
    Map<Representation, List<String>> significantByRepresentation,
    List<String> structureNotComposition,
    Map<SignificanceRule, Map<Representation, List<String>>> significantByRule,
    Map<Representation, List<String>> incompleteByRepresentation) {

  public Table1Row {
    significantByRepresentation = copy(significantByRepresentation);
    structureNotComposition = List.copyOf(structureNotComposition);
    Map<SignificanceRule, Map<Representation, List<String>>> rules = new LinkedHashMap<>();
    significantByRule.forEach((k, v) -> rules.put(k, copy(v)));
    significantByRule = Collections.unmodifiableMap(rules);
    incompleteByRepresentation = copy(incompleteByRepresentation);
  }

  /** The properties significant under {@code rule} in {@code representation}. */
  public List<String> significant(SignificanceRule rule, Representation representation) {
    return significantByRule.getOrDefault(rule, Map.of()).getOrDefault(representation, List.of());
  }

  private static Map<Representation, List<String>> copy(Map<Representation, List<String>> lists) {
    Map<Representation, List<String>> copy = new LinkedHashMap<>();
    lists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }
}
