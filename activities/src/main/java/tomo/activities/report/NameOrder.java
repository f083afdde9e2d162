package tomo.activities.report;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orders property and representation names: names of a preferred list first, in its order, then the
 * rest alphabetically. Keeps every report's rows and columns in the same order whatever order the
 * trainings finished in.
 */
final class NameOrder implements Comparator<String> {

  private final Map<String, Integer> rank = new HashMap<>();

  NameOrder(List<String> preferred) {
    for (String name : preferred) {
      rank.putIfAbsent(name, rank.size());
    }
  }

  @Override
  public int compare(String a, String b) {
    Integer ra = rank.get(a);
    Integer rb = rank.get(b);
    if (ra != null && rb != null) {
      return Integer.compare(ra, rb);
    }
    if (ra != null) {
      return -1;
    }
    if (rb != null) {
      return 1;
    }
    return a.compareTo(b);
  }

  List<String> sorted(Collection<String> names) {
    return names.stream().distinct().sorted(this).toList();
  }
}
