package tomo.workers.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import tomo.activities.report.Table1Comparison;
import tomo.activities.report.Table1File;
import tomo.activities.report.Table1File.Cell;
import tomo.workflows.model.SignificanceRule;

/**
 * {@code tomo compare A B}: how two Table 1s agree (two sweeps, or a sweep and a published table
 * typed in the {@code table1.json} schema, see {@link Table1File}), with B as the reference.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
      "Compare two Table 1 JSON files (table1.json of two sweeps, or a sweep and a published",
      "table in the same schema) cell by cell: agreement, precision/recall/F1 of the significant",
      "sets (B is the reference), and the cells that differ."
    })
public final class CompareCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "A", description = "table1.json to assess.")
  Path a;

  @Parameters(index = "1", paramLabel = "B", description = "Reference table1.json.")
  Path b;

  @Option(
      names = "--criterion",
      converter = CriterionConverter.class,
      paramLabel = "paired|interval|paper-bounds",
      description =
          "Which significant sets to compare: paired (every seed's change below 0), interval"
              + " (the paired 95 % t-interval below 0) or paper-bounds (the paper's plot script:"
              + " the bar's upper bound 100·(max aug − min base)/min base below 0). Default: each"
              + " table's own primary rule (its primaryRule; paired when it names none).")
  SignificanceRule criterion;

  /** Maps the option's spelling to a rule, naming the allowed ones. */
  static final class CriterionConverter implements ITypeConverter<SignificanceRule> {
    @Override
    public SignificanceRule convert(String value) {
      try {
        return SignificanceRule.of(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a criterion; expected "
                + String.join(", ", SignificanceRule.labels()));
      }
    }
  }

  @Override
  public Integer call() {
    Table1File tableA = Table1File.read(a, criterion);
    Table1File tableB = Table1File.read(b, criterion);
    Table1Comparison c = Table1Comparison.of(tableA, tableB);
    PrintWriter out = spec.commandLine().getOut();
    describe(out, "A", tableA);
    describe(out, "B", tableB);
    out.printf(
        "criterion: %s; cells compared: %d (only in A: %d, only in B: %d)%n",
        criterion(tableA, tableB), c.compared(), c.onlyInA(), c.onlyInB());
    out.printf(
        "agreement: %d of %d cells (%s)%n", c.agreeing(), c.compared(), share(c.agreement()));
    out.printf(
        "significant: A %d, B %d, both %d; precision %s, recall %s, F1 %s (B as reference)%n",
        c.significantA(),
        c.significantB(),
        c.significantBoth(),
        share(c.precision()),
        share(c.recall()),
        share(c.f1()));
    if (c.differing().isEmpty()) {
      out.println("no cell differs");
    } else {
      out.println("cells that differ (target/property/representation):");
      for (Cell cell : c.differing()) {
        boolean inA = tableA.significant().contains(cell);
        out.printf(
            "  %s: A %s%s, B %s%s%n",
            cell,
            inA ? "significant" : "not significant",
            mean(tableA, cell) + incomplete(tableA, cell),
            inA ? "not significant" : "significant",
            mean(tableB, cell) + incomplete(tableB, cell));
      }
    }
    out.flush();
    return 0;
  }

  /** The rule compared, or both when each table is read under its own differing primary rule. */
  private String criterion(Table1File tableA, Table1File tableB) {
    if (criterion != null) {
      return criterion.label();
    }
    if (tableA.rule() == tableB.rule()) {
      return tableA.rule().label() + " (the primary rule of both)";
    }
    return "A "
        + tableA.rule().label()
        + ", B "
        + tableB.rule().label()
        + " (each table's primary rule; they differ: pass --criterion to compare one rule)";
  }

  private static String incomplete(Table1File t, Cell cell) {
    return t.incomplete().contains(cell) ? " (incomplete)" : "";
  }

  private static void describe(PrintWriter out, String name, Table1File t) {
    out.printf(
        "%s: %s%s%s%n",
        name,
        t.file(),
        t.trainer() == null ? "" : " (trainer " + t.trainer() + ")",
        t.synthetic() ? " — SYNTHETIC: made-up numbers, not a result" : "");
  }

  private static String mean(Table1File t, Cell cell) {
    Double mean = t.meanChangePercent().get(cell);
    return mean == null ? "" : String.format(Locale.ROOT, " (%+.1f %%)", mean);
  }

  private static String share(double value) {
    return Double.isNaN(value) ? "undefined" : String.format(Locale.ROOT, "%.3f", value);
  }
}
