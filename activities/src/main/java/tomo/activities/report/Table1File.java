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

/**
 * A Table 1 read from a {@code table1.json}: one a report wrote, or a published table a user typed
 * in the same schema. The fields read (everything else is ignored):
 *
 * <ul>
 *   <li>{@code representations}: required, e.g. {@code ["structure", "composition"]};
 *   <li>{@code properties}: required, the added properties the table covers (a property not listed
 *       as significant for a target counts as measured and not significant);
 *   <li>{@code targets}: optional, default the targets of {@code table1};
 *   <li>{@code table1}: required, rows of {@code target} and {@code significantByRepresentation}
 *       (representation → significant properties), and for the second criterion {@code
 *       significantByIntervalByRepresentation};
 *   <li>{@code cells}: optional, objects with {@code target}, {@code property}, {@code
 *       representation} and {@code meanChangePercent}; when present, only these cells count as
 *       measured, and their mean changes are shown beside a disagreement;
 *   <li>{@code synthetic}, {@code trainer}, {@code title}: optional, shown.
 * </ul>
 *
 * @param measured every (target, property, representation) the table measured, the target as its
 *     own property excluded
 * @param significant the measured cells that are significant under the chosen criterion
 * @param meanChangePercent per cell, its mean change where the file gives one
 */
public record Table1File(
    Path file,
    String title,
    String trainer,
    boolean synthetic,
    Set<Cell> measured,
    Set<Cell> significant,
    Map<Cell, Double> meanChangePercent) {

  /** Which of the report's two criteria decides significance. */
  public enum Criterion {
    /**
     * The paper's: the change is below zero for every seed ({@code significantByRepresentation}).
     */
    ALL_SEEDS("significantByRepresentation"),
    /**
     * The paired 95 % t-interval lies below zero ({@code significantByIntervalByRepresentation}).
     */
    CI95("significantByIntervalByRepresentation");

    private final String field;

    Criterion(String field) {
      this.field = field;
    }

    /** The Table 1 row field that lists the significant properties under this criterion. */
    public String field() {
      return field;
    }
  }

  /** One cell of the grid. */
  public record Cell(String target, String property, String representation) {
    @Override
    public String toString() {
      return target + "/" + property + "/" + representation;
    }
  }

  /**
   * Reads a file.
   *
   * @throws IllegalArgumentException naming the file and the field when the file does not follow
   *     the schema
   * @throws UncheckedIOException when the file cannot be read
   */
  public static Table1File read(Path file, Criterion criterion) {
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
    List<String> representations = strings(file, root.get("representations"), "representations");
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
      JsonNode byRepresentation = row.get(criterion.field());
      if (byRepresentation == null || !byRepresentation.isObject()) {
        throw new IllegalArgumentException(
            file
                + ", field "
                + where
                + "."
                + criterion.field()
                + ": missing or not an object of representation → properties"
                + (criterion == Criterion.CI95
                    ? " (a table without the 95 % CI criterion compares with --criterion"
                        + " all-seeds only)"
                    : ""));
      }
      var fields = byRepresentation.fields();
      while (fields.hasNext()) {
        var e = fields.next();
        String representation = e.getKey();
        if (!representations.contains(representation)) {
          throw new IllegalArgumentException(
              file
                  + ", field "
                  + where
                  + "."
                  + criterion.field()
                  + ": representation '"
                  + representation
                  + "' is not in representations "
                  + representations);
        }
        String fieldName = where + "." + criterion.field() + "." + representation;
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
                text(file, c.get("representation"), where + ".representation"));
        if (cell.target().equals(cell.property())) {
          continue;
        }
        measured.add(cell);
        JsonNode mean = c.get("meanChangePercent");
        if (mean != null && mean.isNumber()) {
          means.put(cell, mean.asDouble());
        }
      }
    } else {
      for (String target : targets) {
        for (String property : properties) {
          for (String representation : representations) {
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
        measured,
        significant,
        means);
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
