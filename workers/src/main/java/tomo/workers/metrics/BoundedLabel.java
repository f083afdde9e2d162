package tomo.workers.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The values one label may take, so a label can never grow the number of series without bound.
 *
 * <p>Either a fixed set of values, or the first {@code capacity} distinct well-formed values seen;
 * anything else is reported as {@value #OTHER}. Prometheus keeps every series it ever saw in its
 * head block, so one label fed with ids (seeds, file names, run ids) would slowly exhaust it.
 */
final class BoundedLabel {
  /** The value reported for anything outside the allowed set. */
  static final String OTHER = "other";

  private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private final String name;
  private final Set<String> fixed;
  private final int capacity;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  private BoundedLabel(String name, Set<String> fixed, int capacity) {
    this.name = name;
    this.fixed = fixed;
    this.capacity = capacity;
  }

  /** A label whose values are exactly {@code values}. */
  static BoundedLabel of(String name, String... values) {
    return new BoundedLabel(name, Set.of(values), 0);
  }

  /** A label that admits the first {@code capacity} distinct well-formed values it is given. */
  static BoundedLabel firstSeen(String name, int capacity) {
    return new BoundedLabel(name, null, capacity);
  }

  String name() {
    return name;
  }

  /** The value to report for {@code value}: itself when allowed, {@value #OTHER} otherwise. */
  String value(String value) {
    if (value == null) {
      return OTHER;
    }
    if (fixed != null) {
      return fixed.contains(value) ? value : OTHER;
    }
    if (seen.contains(value)) {
      return value;
    }
    if (!WELL_FORMED.matcher(value).matches()) {
      return OTHER;
    }
    synchronized (seen) {
      if (seen.size() < capacity) {
        seen.add(value);
        return value;
      }
    }
    return seen.contains(value) ? value : OTHER;
  }
}
