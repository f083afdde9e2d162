package tomo.activities.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;

/**
 * Table 1 laid out once for every format: its columns (which list of which representation under
 * which rule), and per target a line of cells (the properties, each with what a format shows beside
 * it) followed by the target's null controls. The Markdown, CSV, JSON and HTML writers only choose
 * which columns they show, in which order, and how a cell is spelled.
 *
 * @param representations the report's representations, in report order
 * @param primary the report's primary rule
 * @param structureAndComposition whether the report has both representations, so that the "in
 *     structure, not in composition" column exists
 * @param lines one per target, in report order
 */
record Table1Layout(
    List<Representation> representations,
    SignificanceRule primary,
    boolean structureAndComposition,
    List<Line> lines) {

  /** How every format explains the null control's line. */
  static final String NULL_CONTROL_RULE =
      "Null control: per target and representation, one cell adds a real property's values"
          + " permuted across materials (no information about the target). It is shown on its own"
          + " line and never counted among the significant properties; a finding must beat it.";

  Table1Layout {
    representations = List.copyOf(representations);
    lines = List.copyOf(lines);
  }

  /** What a column lists. */
  enum Kind {
    /** The properties significant under the primary rule. */
    PRIMARY,
    /** Those significant (primary rule) with the structure but not with the composition only. */
    STRUCTURE_NOT_COMPOSITION,
    /** The properties significant under one rule. */
    RULE,
    /** The properties whose cell is incomplete (never significant), each with why. */
    INCOMPLETE
  }

  /**
   * One column of property lists.
   *
   * @param rule the rule whose verdict the column lists; {@code null} for {@link Kind#INCOMPLETE},
   *     which no rule judges
   * @param representation whose cells the column lists ({@code structure} for {@link
   *     Kind#STRUCTURE_NOT_COMPOSITION})
   */
  record Column(Kind kind, SignificanceRule rule, Representation representation) {
    Column {
      if ((rule == null) != (kind == Kind.INCOMPLETE)) {
        throw new IllegalArgumentException("a " + kind + " column with rule " + rule);
      }
    }
  }

  /**
   * One property in a cell of Table 1.
   *
   * @param note what a format shows beside the property: for a significant one its mean change
   *     ("-1.2 %"; the paper's value under the paper-bounds rule), for an incomplete one why; empty
   *     when the report has no statistics of that cell
   */
  record Entry(String property, Optional<String> note) {}

  /**
   * A target's line: its cells, and its null controls below.
   *
   * @param row the target's lists, as the JSON document gives them
   * @param cells every column's properties
   * @param controls the target's null controls, in report order
   */
  record Line(Table1Row row, Map<Column, List<Entry>> cells, List<ControlLine> controls) {
    Line {
      cells = Map.copyOf(cells);
      controls = List.copyOf(controls);
    }

    String target() {
      return row.target();
    }

    /** The properties of one column. */
    List<Entry> cell(Column column) {
      return cells.get(column);
    }
  }

  /**
   * A target's null control.
   *
   * @param property the control's property ({@code permuted:band_gap})
   * @param cells per representation of the report, the control's statistics where any seed was
   *     paired
   */
  record ControlLine(
      String target, String property, Map<Representation, Optional<CellSummary>> cells) {
    ControlLine {
      cells = Map.copyOf(cells);
    }

    /** The control's statistics in one representation. */
    Optional<CellSummary> cell(Representation representation) {
      return cells.get(representation);
    }

    /** How every format labels the line: "null control (permuted band_gap)". */
    String label() {
      return SweepReport.controlLabel(property);
    }
  }

  /** Per representation, the properties significant under the primary rule. */
  List<Column> primaryColumns() {
    return representations.stream().map(r -> new Column(Kind.PRIMARY, primary, r)).toList();
  }

  /** The "in structure, not in composition" column, when the report has both. */
  Optional<Column> structureNotComposition() {
    return structureAndComposition
        ? Optional.of(new Column(Kind.STRUCTURE_NOT_COMPOSITION, primary, Representation.STRUCTURE))
        : Optional.empty();
  }

  /** Per rule of {@code rules}, per representation, the properties significant under it. */
  List<Column> ruleColumns(List<SignificanceRule> rules) {
    List<Column> columns = new ArrayList<>();
    for (SignificanceRule rule : rules) {
      representations.forEach(r -> columns.add(new Column(Kind.RULE, rule, r)));
    }
    return columns;
  }

  /** Per representation, the incomplete properties. */
  List<Column> incompleteColumns() {
    return representations.stream().map(r -> new Column(Kind.INCOMPLETE, null, r)).toList();
  }

  /**
   * The columns of Table 1 as md and csv order them: the primary rule's, the structure's own,
   * {@code rules}' and the incomplete ones.
   */
  List<Column> columns(List<SignificanceRule> rules) {
    List<Column> columns = new ArrayList<>(primaryColumns());
    structureNotComposition().ifPresent(columns::add);
    columns.addAll(ruleColumns(rules));
    columns.addAll(incompleteColumns());
    return columns;
  }

  /** The rules other than the primary one, in declaration order. */
  List<SignificanceRule> otherRules() {
    return Arrays.stream(SignificanceRule.values()).filter(r -> r != primary).toList();
  }

  /** The layout of a report's Table 1. */
  static Table1Layout of(SweepReport report) {
    List<Representation> representations = report.representations();
    SignificanceRule primary = report.criteria().primaryRule();
    boolean both = report.hasStructureAndComposition();
    List<Column> columns =
        new Table1Layout(representations, primary, both, List.of())
            .columns(List.of(SignificanceRule.values()));
    List<Line> lines = new ArrayList<>();
    for (Table1Row row : report.table1()) {
      Map<Column, List<Entry>> cells = new LinkedHashMap<>();
      for (Column c : columns) {
        cells.put(c, entries(report, row, c));
      }
      List<ControlLine> controls = new ArrayList<>();
      for (String control : report.controlProperties()) {
        Map<Representation, Optional<CellSummary>> byRepresentation =
            new EnumMap<>(Representation.class);
        for (Representation r : representations) {
          byRepresentation.put(r, report.controlCell(row.target(), control, r));
        }
        controls.add(new ControlLine(row.target(), control, byRepresentation));
      }
      lines.add(new Line(row, cells, controls));
    }
    return new Table1Layout(representations, primary, both, lines);
  }

  /** A column's properties on a row, each with its note. */
  private static List<Entry> entries(SweepReport report, Table1Row row, Column column) {
    List<String> properties =
        switch (column.kind()) {
          case PRIMARY -> row.significantByRepresentation().get(column.representation());
          case STRUCTURE_NOT_COMPOSITION -> row.structureNotComposition();
          case RULE -> row.significant(column.rule(), column.representation());
          case INCOMPLETE ->
              row.incompleteByRepresentation().getOrDefault(column.representation(), List.of());
        };
    return properties.stream()
        .map(
            p ->
                new Entry(
                    p,
                    report
                        .cell(row.target(), p, column.representation())
                        .map(c -> note(column, c))))
        .toList();
  }

  private static String note(Column column, CellSummary c) {
    if (column.kind() == Kind.INCOMPLETE) {
      return c.incompleteReason();
    }
    return ReportFormat.percent(
            column.rule() == SignificanceRule.PAPER_BOUNDS
                ? c.paperBounds().valuePercent()
                : c.meanChangePercent())
        + " %";
  }
}
