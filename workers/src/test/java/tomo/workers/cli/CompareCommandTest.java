package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tomo.activities.report.ReportFiles;
import tomo.activities.report.ReportTraining;
import tomo.activities.report.ReportWriter;
import tomo.activities.report.SweepAggregator;
import tomo.activities.report.TrainingProvenance;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/** {@code tomo compare A B}: a sweep's table1.json against a table typed in the same schema. */
class CompareCommandTest {
  @TempDir Path dir;

  private static TrainingOutcome mae(String property, String rep, int seed, double value) {
    return new TrainingOutcome(
        "band_gap", property, Representation.of(rep), seed, "mae", value, 5, null);
  }

  /** band_gap: density lowers the error in every seed (structure), volume in none. */
  private Path sweepTable(String trainer) {
    List<TrainingOutcome> outcomes =
        List.of(
            mae(null, "structure", 1, 0.5),
            mae(null, "structure", 2, 0.4),
            mae("density", "structure", 1, 0.45),
            mae("density", "structure", 2, 0.38),
            mae("volume", "structure", 1, 0.55),
            mae("volume", "structure", 2, 0.41));
    ReportFiles files =
        new ReportWriter()
            .write(
                new SweepAggregator()
                    .aggregateTrainings(
                        outcomes.stream()
                            .map(
                                o ->
                                    new ReportTraining(
                                        o, new TrainingProvenance(trainer, "ab", 10, 1.0)))
                            .toList()),
                dir.resolve(trainer));
    return files.table1Json();
  }

  @Test
  void comparesASweepWithATypedInPublishedTable() throws Exception {
    Path sweep = sweepTable("cgcnn-v1");
    Path published = dir.resolve("published.json");
    Files.writeString(
        published,
        """
        {"representations": ["structure"], "properties": ["density", "volume"],
         "table1": [{"target": "band_gap",
                     "significantByRepresentation": {"structure": ["density", "volume"]}}]}
        """);

    CliRun r = CliRun.of("compare", sweep.toString(), published.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("A: " + sweep + " (trainer cgcnn-v1)")
        .contains("cells compared: 2 (only in A: 0, only in B: 0)")
        .contains("agreement: 1 of 2 cells (0.500)")
        .contains("significant: A 1, B 2, both 1; precision 1.000, recall 0.500, F1 0.667")
        // volume: +10 % and +2.5 % (2.4999… in binary), mean +6.2 %
        .contains("  band_gap/volume/structure: A not significant (+6.2 %), B significant");
  }

  @Test
  void aSyntheticTableIsNamedAsSuch() {
    Path synthetic = sweepTable("synthetic-v1");
    CliRun r =
        CliRun.of("compare", synthetic.toString(), synthetic.toString(), "--criterion", "interval");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("SYNTHETIC: made-up numbers, not a result")
        .contains("criterion: interval;")
        .contains("no cell differs");
  }

  @Test
  void aMalformedTableNamesFileAndField() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"representations\": [\"structure\"], \"table1\": []}");
    CliRun r = CliRun.of("compare", bad.toString(), bad.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains(bad + ", field properties: missing or not a list of names");
  }

  @Test
  void anUnknownCriterionIsAUsageError() {
    CliRun r = CliRun.of("compare", "a.json", "b.json", "--criterion", "max");
    assertThat(r.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(r.err()).contains("expected paired, interval, paper-bounds");
  }

  /** A published table that says its list is the paper's rule. */
  private Path publishedPaperTable() throws Exception {
    Path published = dir.resolve("paper.json");
    Files.writeString(
        published,
        """
        {"primaryRule": "paper-bounds",
         "representations": ["structure"], "properties": ["density", "volume"],
         "table1": [{"target": "band_gap",
                     "significantByRepresentation": {"structure": ["density"]}}]}
        """);
    return published;
  }

  @Test
  void eachTableIsReadUnderItsOwnPrimaryRuleUnlessACriterionIsGiven() throws Exception {
    Path sweep = sweepTable("cgcnn-v1");
    Path published = publishedPaperTable();

    // density lowers the error in both seeds (paired), but its bar does not stay below 0: max
    // aug 0.45 vs min base 0.4 is +12.5 %
    CliRun own = CliRun.of("compare", sweep.toString(), published.toString());
    assertThat(own.exitCode()).as(own.err()).isZero();
    assertThat(own.out())
        .contains(
            "criterion: A paired, B paper-bounds (each table's primary rule; they differ: pass"
                + " --criterion to compare one rule)")
        .contains("no cell differs");

    CliRun paper =
        CliRun.of("compare", sweep.toString(), published.toString(), "--criterion", "paper-bounds");
    assertThat(paper.exitCode()).as(paper.err()).isZero();
    assertThat(paper.out())
        .contains("criterion: paper-bounds;")
        .contains("significant: A 0, B 1, both 0")
        .contains("  band_gap/density/structure: A not significant (-7.5 %), B significant");

    CliRun paired =
        CliRun.of("compare", sweep.toString(), published.toString(), "--criterion", "paired");
    assertThat(paired.exitCode()).isNotZero();
    assertThat(paired.err())
        .contains(published + ", field table1[0].significantByRule.paired: missing")
        .contains("the table gives the paper-bounds rule's lists");
  }

  @Test
  void aTableWrittenBeforeTheRulesWereNamedComparesUnderTheRulesItHas() throws Exception {
    Path sweep = sweepTable("cgcnn-v1");
    // the table1.json of a report written before the rules were named: no primaryRule, no
    // significantByRule; its significantByRepresentation is the paired rule's
    Path old = dir.resolve("old-table1.json");
    Files.writeString(
        old,
        """
        {"title": "Table 1", "trainer": "cgcnn-v1", "synthetic": false,
         "significance": "every seed", "significanceByInterval": "95 % CI",
         "targets": ["band_gap"], "properties": ["density", "volume"],
         "representations": ["structure"],
         "table1": [{"target": "band_gap",
                     "significantByRepresentation": {"structure": ["density"]},
                     "structureNotComposition": [],
                     "significantByIntervalByRepresentation": {"structure": []}}],
         "cells": [{"target": "band_gap", "property": "density", "representation": "structure",
                    "meanChangePercent": -7.5, "significant": true, "significantByInterval": false},
                   {"target": "band_gap", "property": "volume", "representation": "structure",
                    "meanChangePercent": 6.25, "significant": false,
                    "significantByInterval": false}]}
        """);

    CliRun paired = CliRun.of("compare", sweep.toString(), old.toString());
    assertThat(paired.exitCode()).as(paired.err()).isZero();
    assertThat(paired.out())
        .contains("criterion: paired (the primary rule of both)")
        .contains("no cell differs");
    CliRun interval =
        CliRun.of("compare", sweep.toString(), old.toString(), "--criterion", "interval");
    assertThat(interval.exitCode()).as(interval.err()).isZero();
    assertThat(interval.out()).contains("no cell differs");

    CliRun paper =
        CliRun.of("compare", sweep.toString(), old.toString(), "--criterion", "paper-bounds");
    assertThat(paper.exitCode()).isNotZero();
    assertThat(paper.err())
        .contains(old + ", field table1[0].significantByRule.paper-bounds: missing")
        .contains("a table1.json written before the rules were named");
  }
}
