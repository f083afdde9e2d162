package tomo.activities.report;

import java.util.ArrayList;
import java.util.List;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.UnavailableName;

/**
 * The cells of a sweep left out because the dataset lacks their target or property ({@code
 * skipMissing}), as the CSV the report directory lists beside the report they shaped.
 */
public final class NotRunCsv {
  private NotRunCsv() {}

  /** The CSV text: a header, then one line per left-out cell with the reason. */
  public static String of(SweepSpec spec) {
    StringBuilder csv = new StringBuilder("target,property,representation,seed,reason\n");
    // a left-out target lists its cells with every property, left-out ones included, so a cell
    // whose target and property are both missing appears once
    List<String> allProperties = new ArrayList<>(spec.grid().cellProperties());
    spec.data().unavailable().stream()
        .filter(u -> u.field().equals("properties"))
        .forEach(u -> allProperties.add(u.name()));
    for (UnavailableName u : spec.data().unavailable()) {
      boolean target = u.field().equals("targets");
      List<String> targets = target ? List.of(u.name()) : spec.grid().targets();
      List<String> properties = target ? allProperties : List.of(u.name());
      for (String t : targets) {
        for (String p : properties) {
          for (Representation r : spec.grid().representations()) {
            for (int seed : spec.grid().seeds()) {
              csv.append(
                      String.join(",", t, p, r.label(), Integer.toString(seed), quoted(u.reason())))
                  .append('\n');
            }
          }
        }
      }
    }
    return csv.toString();
  }

  private static String quoted(String s) {
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
