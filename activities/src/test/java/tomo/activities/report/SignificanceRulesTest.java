package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static tomo.activities.report.SweepAggregatorTest.BAND_GAP;
import static tomo.activities.report.SweepAggregatorTest.S;
import static tomo.activities.report.SweepAggregatorTest.mae;
import static tomo.workflows.model.SignificanceRule.INTERVAL;
import static tomo.workflows.model.SignificanceRule.PAIRED;
import static tomo.workflows.model.SignificanceRule.PAPER_BOUNDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.report.ReportCriteria.SeedSource;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.TrainingOutcome;

/**
 * The three significance rules side by side, the paper's bar computed by hand, the primary rule,
 * and incomplete cells (a missing seed of the sweep, or a single seed) in every format.
 */
class SignificanceRulesTest {

  @TempDir Path dir;

  /** Baseline and augmented test MAEs of band_gap + {@code property}, structure, seeds 1, 2, … */
  private static List<TrainingOutcome> cell(String property, double[] base, double[] aug) {
    List<TrainingOutcome> o = new ArrayList<>();
    for (int i = 0; i < base.length; i++) {
      o.add(mae(BAND_GAP, property, S, i + 1, aug[i]));
    }
    return o;
  }

  private static List<TrainingOutcome> baselines(double[] base) {
    List<TrainingOutcome> o = new ArrayList<>();
    for (int i = 0; i < base.length; i++) {
      o.add(mae(BAND_GAP, null, S, i + 1, base[i]));
    }
    return o;
  }

  private static List<ReportTraining> unrecorded(List<TrainingOutcome> outcomes) {
    return outcomes.stream()
        .map(o -> new ReportTraining(o, TrainingProvenance.UNRECORDED))
        .toList();
  }

  // One shared baseline per seed, three properties:
  //   density: every seed lowers the error, and the worst augmented seed beats the best baseline:
  //            significant under every rule
  //   volume:  every seed lowers the error (paired), but the bar reaches above 0
  //   nsites:  mixed
  static final double[] BASE = {1.0, 1.1, 0.9};
  static final double[] DENSITY = {0.80, 0.84, 0.75}; // -20 %, -23.6 %, -16.7 %
  static final double[] VOLUME = {0.95, 1.0, 0.85}; // -5 %, -9.1 %, -5.6 %
  static final double[] NSITES = {0.8, 0.85, 0.95}; // -20 %, -22.7 %, +5.6 %

  static List<TrainingOutcome> threeRules() {
    List<TrainingOutcome> o = new ArrayList<>(baselines(BASE));
    o.addAll(cell("density", BASE, DENSITY));
    o.addAll(cell("volume", BASE, VOLUME));
    o.addAll(cell("nsites", BASE, NSITES));
    return o;
  }

  @Test
  void thePapersBarByHand() {
    // base 1.0, 1.1, 0.9 (mean 1.0, min 0.9, max 1.1); aug 0.8, 0.85, 0.95 (mean 2.6/3 = 0.8667,
    // min 0.8, max 0.95):
    //   value = 100 (0.8667 - 1.0) / 1.0 = -13.333 %  (the mean of per-seed changes is -12.391 %)
    //   upper = 100 (0.95 - 0.9) / 0.9 = +5.556 %
    //   lower = 100 (0.8 - 1.1) / 1.1 = -27.273 %
    PaperBounds b = PaperBounds.of(BASE, NSITES);
    assertThat(b.valuePercent()).isCloseTo(-40.0 / 3, within(1e-9));
    assertThat(b.upperPercent()).isCloseTo(50.0 / 9, within(1e-9));
    assertThat(b.lowerPercent()).isCloseTo(-300.0 / 11, within(1e-9));
    assertThat(b.below0()).isFalse();

    CellSummary nsites =
        new SweepAggregator().aggregate(threeRules()).cell(BAND_GAP, "nsites", S).orElseThrow();
    assertThat(nsites.paperBounds()).isEqualTo(b);
    assertThat(nsites.meanChangePercent())
        .as("a mean of per-seed changes, not the paper's ratio of means")
        .isCloseTo((-20 - 250.0 / 11 + 50.0 / 9) / 3, within(1e-9));
    assertThat(nsites.significantBy())
        .isEqualTo(Map.of("paired", false, "interval", false, "paper-bounds", false));
  }

  @Test
  void pairedCanHoldWhereThePapersBarDoesNot() {
    SweepReport report = new SweepAggregator().aggregate(threeRules());

    // volume: every seed lower, but max aug 1.0 vs min base 0.9 puts the upper bound at +11.1 %
    CellSummary volume = report.cell(BAND_GAP, "volume", S).orElseThrow();
    assertThat(volume.maxChangePercent()).isNegative();
    assertThat(volume.paperBounds().upperPercent())
        .isCloseTo(100 * (1.0 - 0.9) / 0.9, within(1e-9));
    assertThat(volume.significant(PAIRED)).isTrue();
    assertThat(volume.significant(PAPER_BOUNDS)).isFalse();

    // density: max aug 0.84 below min base 0.9: upper bound 100 (0.84 - 0.9) / 0.9 = -6.67 %
    CellSummary density = report.cell(BAND_GAP, "density", S).orElseThrow();
    assertThat(density.paperBounds().upperPercent()).isCloseTo(-20.0 / 3, within(1e-9));
    assertThat(density.significantBy())
        .isEqualTo(Map.of("paired", true, "interval", true, "paper-bounds", true));

    Table1Row row = report.table1().get(0);
    assertThat(row.significant(PAIRED, S)).containsExactly("density", "volume");
    assertThat(row.significant(INTERVAL, S)).containsExactly("density", "volume");
    assertThat(row.significant(PAPER_BOUNDS, S)).containsExactly("density");
    assertThat(row.significantByRepresentation().get(S))
        .as("paired is the default primary rule")
        .containsExactly("density", "volume");
  }

  @Test
  void thePrimaryRuleDecidesTable1sSignificantList() throws IOException {
    SweepReport report =
        new SweepAggregator(List.of(), ReportCriteria.ofSpec(PAPER_BOUNDS, List.of(1, 2, 3)))
            .aggregateTrainings(unrecorded(threeRules()));

    assertThat(report.table1().get(0).significantByRepresentation().get(S))
        .containsExactly("density");
    ReportFiles files = new ReportWriter().write(report, dir.resolve("paper"));
    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("primaryRule").asText()).isEqualTo("paper-bounds");
    assertThat(json.get("sweepSeeds").toString()).isEqualTo("[1,2,3]");
    assertThat(json.get("seedsFrom").asText()).isEqualTo("spec");
    Table1File read = Table1File.read(files.table1Json());
    assertThat(read.rule()).isEqualTo(PAPER_BOUNDS);
    assertThat(read.significant()).containsExactly(new Table1File.Cell(BAND_GAP, "density", S));
    assertThat(Table1File.read(files.table1Json(), PAIRED).significant()).hasSize(2);
    assertThat(Files.readString(files.table1Markdown()))
        .contains("Primary rule (Table 1's \"significant\"): paper-bounds.")
        .contains("| structure (paper-bounds, primary) |");
    assertThat(Files.readString(files.html())).contains("significant (paper-bounds, primary)");
  }

  @Test
  void aSeedOfTheSpecThatNoTrainingReachedMakesEveryCellIncomplete() {
    // seeds 1 and 2 trained, seed 3 of the spec not at all
    List<TrainingOutcome> twoSeeds = threeRules().stream().filter(o -> o.seed() != 3).toList();

    SweepReport seen = new SweepAggregator().aggregate(twoSeeds);
    assertThat(seen.criteria().seedSource()).isEqualTo(SeedSource.SEEN);
    assertThat(seen.criteria().sweepSeeds()).containsExactly(1, 2);
    assertThat(seen.cell(BAND_GAP, "density", S).orElseThrow().complete()).isTrue();

    SweepReport spec =
        new SweepAggregator(List.of(), ReportCriteria.ofSpec(PAIRED, List.of(3, 1, 2)))
            .aggregateTrainings(unrecorded(twoSeeds));
    assertThat(spec.criteria().sweepSeeds()).containsExactly(1, 2, 3);
    CellSummary density = spec.cell(BAND_GAP, "density", S).orElseThrow();
    assertThat(density.seeds()).containsExactly(1, 2);
    assertThat(density.meanChangePercent())
        .as("shown with its numbers")
        .isCloseTo((-20 - 100 * 0.26 / 1.1) / 2, within(1e-9));
    assertThat(density.complete()).isFalse();
    assertThat(density.missingSeeds()).containsExactly(3);
    assertThat(density.incompleteReason()).isEqualTo("seed 3 missing");
    assertThat(density.significantBy()).doesNotContainValue(true);
    assertThat(spec.table1().get(0).significantByRepresentation().get(S)).isEmpty();
    assertThat(spec.table1().get(0).incompleteByRepresentation().get(S))
        .containsExactly("density", "nsites", "volume");
    assertThat(spec.missing())
        .contains(
            new MissingPair(
                BAND_GAP, "density", S, 3, "no augmented training and no baseline training"));
  }

  @Test
  void oneSeedIsIncompleteUnderEveryRule() {
    List<TrainingOutcome> oneSeed = threeRules().stream().filter(o -> o.seed() == 1).toList();
    SweepReport report = new SweepAggregator().aggregate(oneSeed);
    CellSummary density = report.cell(BAND_GAP, "density", S).orElseThrow();
    assertThat(density.complete()).isFalse();
    assertThat(density.missingSeeds()).isEmpty();
    assertThat(density.incompleteReason()).isEqualTo("1 seed");
    for (SignificanceRule rule : SignificanceRule.values()) {
      assertThat(density.significant(rule)).as(rule.label()).isFalse();
    }
  }

  @Test
  void everyFormatShowsTheThreeRulesThePrimaryOneAndIncompleteCells() throws IOException {
    // density complete on seeds 1-3; volume lacks seed 3's augmented training
    List<TrainingOutcome> outcomes =
        threeRules().stream()
            .filter(o -> !("volume".equals(o.property()) && o.seed() == 3))
            .toList();
    SweepReport report =
        new SweepAggregator(List.of(), ReportCriteria.ofSpec(PAIRED, List.of(1, 2, 3)))
            .aggregateTrainings(unrecorded(outcomes));
    ReportFiles files = new ReportWriter().write(report, dir.resolve("all"));

    String markdown = Files.readString(files.table1Markdown());
    assertThat(markdown)
        .contains("Primary rule (Table 1's \"significant\"): paired. Seeds of the sweep: 1 2 3,")
        .contains("from the sweep's spec")
        .contains(
            "| target | structure (paired, primary) | structure (interval) | structure"
                + " (paper-bounds) | structure: incomplete, never significant |")
        // mean of per-seed changes -20.1 %; the paper's value: mean aug 0.7967 vs 1.0, -20.3 %
        .contains(
            "| band_gap | density (-20.1 %) | density (-20.1 %) | density (-20.3 %) | volume"
                + " (seed 3 missing) |")
        .contains("| paired (primary) | interval | paper-bounds | complete |")
        .contains("| INCOMPLETE: seed 3 missing |")
        .contains("paper-bounds (the paper's plot script)");

    List<CsvRecord> table = csv(files.table1Csv());
    assertThat(table.get(0).getFields())
        .containsExactly(
            "target",
            "structure",
            "structure_paired",
            "structure_interval",
            "structure_paper_bounds",
            "structure_incomplete",
            "primary_rule",
            "trainer",
            "warnings",
            "line");
    assertThat(table.get(1).getFields().subList(0, 7))
        .containsExactly(
            "band_gap", "density", "density", "density", "density", "volume", "paired");

    List<CsvRecord> cells = csv(files.cellsCsv());
    List<String> header = cells.get(0).getFields();
    CsvRecord volume =
        cells.stream().filter(r -> r.getField(1).equals("volume")).findFirst().orElseThrow();
    assertThat(volume.getField(header.indexOf("complete"))).isEqualTo("false");
    assertThat(volume.getField(header.indexOf("missing_seeds"))).isEqualTo("3");
    assertThat(volume.getField(header.indexOf("incomplete_reason"))).isEqualTo("seed 3 missing");
    assertThat(volume.getField(header.indexOf("significant_paired"))).isEqualTo("false");
    CsvRecord density =
        cells.stream().filter(r -> r.getField(1).equals("density")).findFirst().orElseThrow();
    assertThat(header)
        .contains("paper_value_percent", "paper_upper_percent", "paper_lower_percent");
    for (String column :
        List.of("significant_paired", "significant_interval", "significant_paper_bounds")) {
      assertThat(density.getField(header.indexOf(column))).as(column).isEqualTo("true");
    }
    assertThat(Double.parseDouble(density.getField(header.indexOf("paper_upper_percent"))))
        .isCloseTo(-20.0 / 3, within(1e-9));

    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("rules").fieldNames())
        .toIterable()
        .containsExactly("paired", "interval", "paper-bounds");
    JsonNode row = json.get("table1").get(0);
    assertThat(row.get("significantByRule").fieldNames())
        .toIterable()
        .containsExactly("paired", "interval", "paper-bounds");
    assertThat(row.get("incompleteByRepresentation").get(S.label()).get(0).asText())
        .isEqualTo("volume");
    JsonNode volumeJson = json.get("cells").get(2);
    assertThat(volumeJson.get("property").asText()).isEqualTo("volume");
    assertThat(volumeJson.get("complete").asBoolean()).isFalse();
    assertThat(volumeJson.get("incompleteReason").asText()).isEqualTo("seed 3 missing");
    assertThat(volumeJson.get("paperBounds").has("upperPercent")).isTrue();
    assertThat(volumeJson.get("significantBy").toString())
        .isEqualTo("{\"paired\":false,\"interval\":false,\"paper-bounds\":false}");

    String html = Files.readString(files.html());
    assertThat(html)
        .contains(
            "<th>significant (paired, primary), structure</th><th>interval, structure</th>"
                + "<th>paper-bounds, structure</th>"
                + "<th>incomplete (never significant), structure</th>")
        .contains("<td>volume (seed 3 missing)</td>")
        .contains("INCOMPLETE (seed 3 missing): never significant")
        .contains("paired (primary): significant, interval: significant, paper-bounds: significant")
        .contains("from the sweep&#39;s spec");
    assertThat(files.paperHeatmapPng().get(S)).isRegularFile();
  }

  @Test
  void anOfflineReRenderJudgesAgainstTheSeedsTheReportRecorded() throws IOException {
    List<TrainingOutcome> twoSeeds = threeRules().stream().filter(o -> o.seed() != 3).toList();
    SweepReport original =
        new SweepAggregator(List.of(), ReportCriteria.ofSpec(PAPER_BOUNDS, List.of(1, 2, 3)))
            .aggregateTrainings(unrecorded(twoSeeds));
    ReportFiles files = new ReportWriter().write(original, dir.resolve("original"));

    SweepReport again = OfflineReport.render(List.of(files.trainingsCsv()), dir.resolve("again"));
    assertThat(again.criteria())
        .isEqualTo(new ReportCriteria(PAPER_BOUNDS, List.of(1, 2, 3), SeedSource.RECORDED));
    assertThat(again.cell(BAND_GAP, "density", S).orElseThrow().complete()).isFalse();
    // rendered again, the report says what it said: the seeds are the spec's
    assertThat(Files.readString(dir.resolve("again").resolve("table1.md")))
        .contains("Seeds of the sweep: 1 2 3, from the sweep's spec;");

    SweepReport paired =
        OfflineReport.render(List.of(files.trainingsCsv()), dir.resolve("paired"), PAIRED);
    assertThat(paired.criteria().primaryRule()).isEqualTo(PAIRED);

    // a trainings.csv alone (or of a report from before seeds were recorded): the seeds it has
    Path lone = Files.createDirectories(dir.resolve("lone")).resolve("trainings.csv");
    Files.copy(files.trainingsCsv(), lone);
    SweepReport seen = OfflineReport.render(List.of(lone), dir.resolve("seen"));
    assertThat(seen.criteria())
        .isEqualTo(new ReportCriteria(PAIRED, List.of(1, 2), SeedSource.SEEN));
    assertThat(seen.cell(BAND_GAP, "density", S).orElseThrow().complete()).isTrue();
    assertThat(Files.readString(dir.resolve("seen").resolve("table1.md")))
        .contains("from the seeds seen in the trainings (the sweep's own list was not available");
  }

  @Test
  void reportsRecordingDifferentPrimaryRulesAreMergedOnlyWithAChosenRule() throws IOException {
    List<TrainingOutcome> outcomes = threeRules();
    Path a =
        new ReportWriter()
            .write(
                new SweepAggregator(List.of(), ReportCriteria.ofSpec(PAIRED, List.of(1, 2, 3)))
                    .aggregateTrainings(unrecorded(outcomes)),
                dir.resolve("a"))
            .trainingsCsv();
    Path b =
        new ReportWriter()
            .write(
                new SweepAggregator(
                        List.of(), ReportCriteria.ofSpec(PAPER_BOUNDS, List.of(1, 2, 3)))
                    .aggregateTrainings(unrecorded(outcomes)),
                dir.resolve("b"))
            .trainingsCsv();

    assertThatThrownBy(() -> OfflineReport.render(List.of(a, b), dir.resolve("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the reports record different primary rules")
        .hasMessageContaining(dir.resolve("a").resolve("table1.json") + ": paired")
        .hasMessageContaining("choose one with --rule");
    assertThat(
            OfflineReport.render(List.of(a, b), dir.resolve("y"), INTERVAL)
                .criteria()
                .primaryRule())
        .isEqualTo(INTERVAL);
  }

  private static List<CsvRecord> csv(Path file) throws IOException {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      return reader.stream().toList();
    }
  }
}
