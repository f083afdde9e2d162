package tomo.materials.cif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code data_} block: single data items and loops. Tags are compared case-insensitively, as
 * CIF requires; they are stored lower-cased.
 */
final class CifBlock {
  private final String name;
  private final int line;
  private final Map<String, CifValue> items = new LinkedHashMap<>();
  private final List<Loop> loops = new ArrayList<>();

  CifBlock(String name, int line) {
    this.name = name;
    this.line = line;
  }

  String name() {
    return name;
  }

  int line() {
    return line;
  }

  /** Adds a single item; returns false when the tag was already present in the block. */
  boolean putItem(String tag, CifValue value) {
    String key = tag.toLowerCase(Locale.ROOT);
    if (items.containsKey(key) || findLoop(key) != null) {
      return false;
    }
    items.put(key, value);
    return true;
  }

  void addLoop(Loop loop) {
    loops.add(loop);
  }

  /** The single value of {@code tag}, or null when absent (or only present in a loop). */
  CifValue item(String tag) {
    return items.get(tag.toLowerCase(Locale.ROOT));
  }

  /** The loop that holds {@code tag}, or null. */
  Loop findLoop(String tag) {
    String key = tag.toLowerCase(Locale.ROOT);
    for (Loop loop : loops) {
      if (loop.column(key) >= 0) {
        return loop;
      }
    }
    return null;
  }

  /** Whether the tag is present as a single item or as a loop column. */
  boolean has(String tag) {
    return item(tag) != null || findLoop(tag) != null;
  }

  /** A {@code loop_}: column tags (lower-cased) and rows of values. */
  static final class Loop {
    private final List<String> tags;
    private final int line;
    private final List<CifValue[]> rows = new ArrayList<>();

    Loop(List<String> tags, int line) {
      this.tags = tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
      this.line = line;
    }

    List<String> tags() {
      return tags;
    }

    int line() {
      return line;
    }

    int column(String tag) {
      return tags.indexOf(tag.toLowerCase(Locale.ROOT));
    }

    void addRow(CifValue[] row) {
      rows.add(row);
    }

    List<CifValue[]> rows() {
      return rows;
    }
  }
}
