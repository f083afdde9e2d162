package tomo.activities.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/**
 * A Table 1 read from a {@code table1.json}: one a report wrote, or a published table a user typed
 * in the same schema. The fields read (everything else is ignored):
 *
 * <ul>
 *   <li>{@code representations}: required, e.g. {@code ["structure", "composition"]};
 *   <li>{@code properties}: required, the added properties the table covers (a property not listed
 *       as significant for a target counts as measured and not significant);
 *   <li>{@code targets}: optional, default the targets of {@code table1};
 *   <li>{@code primaryRule}: optional, the {@link SignificanceRule} label of {@code
 *       significantByRepresentation}; absent: {@code paired} (reports before the rules were named,
 *       and a typed-in table that says nothing);
 *   <li>{@code table1}: required, rows of {@code target} and {@code significantByRepresentation}
 *       (representation → significant properties under the primary rule), and optionally {@code
 *       significantByRule} (rule label → representation → properties, every rule of a report);
 *       reports written before the rules were named give {@code
 *       significantByIntervalByRepresentation} for the interval rule instead;
 *   <li>{@code cells}: optional, objects with {@code target}, {@code property}, {@code
 *       representation}, {@code meanChangePercent} and {@code complete}; when present, only these
 *       cells count as measured, their mean changes are shown beside a disagreement, and those with
 *       {@code complete: false} are named incomplete;
 *   <li>{@code synthetic}, {@code trainer}, {@code title}: optional, shown.
 * </ul>
 *
 * @param rule the rule whose significant sets were read
 * @param measured every (target, property, representation) the table measured, the target as its
 *     own property excluded
 * @param significant the measured cells that are significant under {@code rule}
 * @param meanChangePercent per cell, its mean change where the file gives one
 * @param incomplete the measured cells the file marks incomplete (never significant)
 */
public record Table1File(
    Path file,
    String title,
    String trainer,
    boolean synthetic,
    SignificanceRule rule,
    Set<Cell> measured,
    Set<Cell> significant,
    Map<Cell, Double> meanChangePercent,
    Set<Cell> incomplete) {

  /** The field of every rule's lists in a Table 1 row. */
  static final String BY_RULE = "significantByRule";

  /** The field of the primary rule's lists in a Table 1 row. */
  static final String PRIMARY = "significantByRepresentation";

  /** The interval rule's lists in reports written before the rules were named. */
  static final String LEGACY_INTERVAL = "significantByIntervalByRepresentation";

  /** One cell of the grid. */
  public record Cell(String target, String property, Representation representation) {
    @Override
    public String toString() {
      return target + "/" + property + "/" + representation;
    }
  }

  /**
   * Reads a file's significant sets under its own primary rule ({@code primaryRule}, {@code paired}
   * when the file names none).
   *
   * @throws IllegalArgumentException naming the file and the field when the file does not follow
   *     the schema
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Table1File read(Path file) {
    return read(file, null);
  }

  /**
   * Reads a file's significant sets under {@code rule}.
   *
   * @param rule the rule to read; {@code null}: the file's primary rule
   * @throws IllegalArgumentException naming the file and the field when the file does not follow
   *     the schema or lacks the rule's lists
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Table1File read(Path file, SignificanceRule rule) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(file + ": expected a JSON object with a table1 field");
    }
    SignificanceRule primary = primaryRule(file, root);
    SignificanceRule wanted = rule == null ? primary : rule;
    List<Representation> representations = new ArrayList<>();
    List<String> labels = strings(file, root.get("representations"), "representations");
    for (int i = 0; i < labels.size(); i++) {
      representations.add(representation(file, labels.get(i), "representations[" + i + "]"));
    }
    List<String> properties = strings(file, root.get("properties"), "properties");
    JsonNode rows = root.get("table1");
    if (rows == null || !rows.isArray()) {
      throw new IllegalArgumentException(file + ", field table1: missing or not a list of rows");
    }
    Set<String> targets = new LinkedHashSet<>();
    Set<Cell> significant = new LinkedHashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      JsonNode row = rows.get(i);
      String where = "table1[" + i + "]";
      String target = text(file, row.get("target"), where + ".target");
      targets.add(target);
      String field = listField(row, wanted, primary);
      JsonNode byRepresentation = field == null ? null : row.at(pointer(field));
      if (byRepresentation == null || !byRepresentation.isObject()) {
        throw new IllegalArgumentException(
            file
                + ", field "
                + where
                + "."
                + (field == null ? BY_RULE + "." + wanted.label() : field)
                + ": missing or not an object of representation → properties (the table gives"
                + " the "
                + primary.label()
                + " rule's lists"
                + (row.has(LEGACY_INTERVAL) ? " and the interval rule's" : "")
                + (row.has(BY_RULE) ? "" : "; a table1.json written before the rules were named")
                + ", not the "
                + wanted.label()
                + " rule's)");
      }
      var fields = byRepresentation.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        Representation representation =
            representation(file, e.getKey(), where + "." + field + " key");
        if (!representations.contains(representation)) {
          throw new IllegalArgumentException(
              file
                  + ", field "
                  + where
                  + "."
                  + field
                  + ": representation '"
                  + representation
                  + "' is not in representations "
                  + representations);
        }
        String fieldName = where + "." + field + "." + representation;
        for (String property : strings(file, e.getValue(), fieldName)) {
          if (!properties.contains(property)) {
            throw new IllegalArgumentException(
                file
                    + ", field "
                    + fieldName
                    + ": property '"
                    + property
                    + "' is not in properties "
                    + properties);
          }
          significant.add(new Cell(target, property, representation));
        }
      }
    }
    if (root.hasNonNull("targets")) {
      targets.addAll(strings(file, root.get("targets"), "targets"));
    }
    Set<Cell> measured = new LinkedHashSet<>();
    Set<Cell> incomplete = new LinkedHashSet<>();
    Map<Cell, Double> means = new HashMap<>();
    JsonNode cells = root.get("cells");
    if (cells != null && cells.isArray()) {
      for (int i = 0; i < cells.size(); i++) {
        JsonNode c = cells.get(i);
        String where = "cells[" + i + "]";
        Cell cell =
            new Cell(
                text(file, c.get("target"), where + ".target"),
                text(file, c.get("property"), where + ".property"),
                representation(
                    file,
                    text(file, c.get("representation"), where + ".representation"),
                    where + ".representation"));
        if (cell.target().equals(cell.property())) {
          continue;
        }
        measured.add(cell);
        JsonNode mean = c.get("meanChangePercent");
        if (mean != null && mean.isNumber()) {
          means.put(cell, mean.asDouble());
        }
        if (c.path("complete").isBoolean() && !c.get("complete").asBoolean()) {
          incomplete.add(cell);
        }
      }
    } else {
      for (String target : targets) {
        for (String property : properties) {
          for (Representation representation : representations) {
            if (!property.equals(target)) {
              measured.add(new Cell(target, property, representation));
            }
          }
        }
      }
    }
    for (Cell c : significant) {
      if (!measured.contains(c)) {
        throw new IllegalArgumentException(
            file + ": significant cell " + c + " is not among the measured cells");
      }
    }
    return new Table1File(
        file,
        root.path("title").asText(""),
        root.hasNonNull("trainer") ? root.get("trainer").asText() : null,
        root.path("synthetic").asBoolean(false),
        wanted,
        measured,
        significant,
        means,
        incomplete);
  }

  /** The file's {@code primaryRule}, {@code paired} when absent. */
  private static SignificanceRule primaryRule(Path file, JsonNode root) {
    JsonNode node = root.get("primaryRule");
    if (node == null || node.isNull()) {
      return SignificanceRule.PAIRED;
    }
    try {
      return SignificanceRule.of(node.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ", field primaryRule: " + e.getMessage(), e);
    }
  }

  /**
   * The field of a row that lists the properties significant under {@code wanted} (a dotted path
   * for {@link #BY_RULE}), or null when the row has none.
   */
  private static String listField(JsonNode row, SignificanceRule wanted, SignificanceRule primary) {
    if (row.has(BY_RULE)) {
      return BY_RULE + "." + wanted.label();
    }
    if (wanted == primary) {
      return PRIMARY;
    }
    if (wanted == SignificanceRule.INTERVAL && row.has(LEGACY_INTERVAL)) {
      return LEGACY_INTERVAL;
    }
    return null;
  }

  private static String pointer(String dottedField) {
    return "/" + dottedField.replace(".", "/");
  }

  /** The representation a table names, or an error naming the file, the field and the labels. */
  private static Representation representation(Path file, String label, String field) {
    try {
      return Representation.of(label);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ", field " + field + ": " + e.getMessage(), e);
    }
  }

  private static String text(Path file, JsonNode node, String field) {
    if (node == null || !node.isTextual() || node.asText().isBlank()) {
      throw new IllegalArgumentException(file + ", field " + field + ": missing or not a text");
    }
    return node.asText();
  }

  private static List<String> strings(Path file, JsonNode node, String field) {
    if (node == null || !node.isArray()) {
      throw new IllegalArgumentException(
          file + ", field " + field + ": missing or not a list of names");
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(text(file, node.get(i), field + "[" + i + "]"));
    }
    return out;
  }
}
