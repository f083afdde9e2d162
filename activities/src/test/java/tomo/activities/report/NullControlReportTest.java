package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.property.PermutedProperty;
import tomo.materials.property.PropertyRegistry;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/**
 * The null control ({@code permuted:band_gap}) is its own row in every report format, never among
 * the significant properties, and its gate warns when the control itself comes out significant or
 * moves the error by more than the stated size.
 */
class NullControlReportTest {
  private static final String CONTROL = "permuted:band_gap";
  private static final String LABEL = "null control (permuted band_gap)";
  private static final double[] BASELINES = {50, 60, 55};

  @TempDir Path dir;

  /**
   * Well-trained volume models (every other gate passes) in both representations, seeds 1–3:
   * density lowers the error by 10 % for every seed, the control changes it by {@code control} %.
   */
  private static List<ReportTraining> grid(double... control) {
    List<ReportTraining> t = new ArrayList<>();
    for (Representation r : Representation.values()) {
      for (int seed = 1; seed <= 3; seed++) {
        double base = BASELINES[seed - 1];
        t.add(training(null, r, seed, base));
        t.add(training("density", r, seed, base * 0.9));
        t.add(training(CONTROL, r, seed, base * (1 + control[seed - 1] / 100)));
      }
    }
    return t;
  }

  private static ReportTraining training(String property, Representation r, int seed, double test) {
    return new ReportTraining(
        new TrainingOutcome("volume", property, r, seed, "mae", test, 10, null),
        new TrainingProvenance("cgcnn-v2", "ab12", 20, 280.0));
  }

  private static List<NamedCsvRecord> csv(Path file) throws IOException {
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder().ofNamedCsvRecord(file)) {
      return reader.stream().toList();
    }
  }

  @Test
  void theSweepAndTheMaterialsSpellTheControlAlike() {
    // workflows schedules the name, materials computes its column: one spelling
    assertThat(NullControl.PREFIX).isEqualTo(PermutedProperty.PREFIX);
    assertThat(PropertyRegistry.byName(NullControl.property(NullControl.DEFAULT)).name())
        .isEqualTo(CONTROL);
  }

  @Test
  void theControlIsItsOwnRowInEveryFormatAndNeverASignificantProperty() throws IOException {
    SweepReport report = new SweepAggregator().aggregateTrainings(grid(0.5, -0.3, 0.2));
    assertThat(report.properties()).containsExactly("density");
    assertThat(report.controlProperties()).containsExactly(CONTROL);
    assertThat(report.cells()).noneMatch(c -> c.property().equals(CONTROL));
    assertThat(report.controls()).hasSize(2);
    assertThat(report.table1())
        .allSatisfy(
            row -> {
              assertThat(row.significantByRepresentation().values())
                  .allSatisfy(l -> assertThat(l).containsExactly("density"));
              assertThat(row.significantByRule().values())
                  .allSatisfy(
                      byRepresentation ->
                          assertThat(byRepresentation.values())
                              .allSatisfy(l -> assertThat(l).doesNotContain(CONTROL)));
            });
    assertThat(report.warnings()).isEmpty();

    ReportFiles files = new ReportWriter().write(report, dir);

    String md = Files.readString(files.table1Markdown());
    assertThat(md)
        .contains("| volume | density (-10.0 %) | density (-10.0 %) |")
        .contains("| ↳ " + LABEL + " | +0.1 % [-0.3, +0.5], passed | +0.1 % [-0.3, +0.5], passed |")
        .contains("| " + LABEL + " | volume | structure | +0.1 % |")
        .contains(Table1Layout.NULL_CONTROL_RULE);

    List<NamedCsvRecord> table1 = csv(files.table1Csv());
    assertThat(table1).hasSize(2);
    assertThat(table1.get(0).getField("line")).isEqualTo("significant properties");
    assertThat(table1.get(0).getField("structure")).isEqualTo("density");
    assertThat(table1.get(1).getField("target")).isEqualTo("volume");
    assertThat(table1.get(1).getField("line")).isEqualTo(LABEL);
    assertThat(table1.get(1).getField("structure")).isEqualTo("+0.1 % [-0.3, +0.5], passed");
    assertThat(table1.get(1).getField("warnings")).isEmpty();

    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("properties").toString()).isEqualTo("[\"density\"]");
    assertThat(json.get("table1").toString()).doesNotContain(CONTROL);
    assertThat(json.get("cells").toString()).doesNotContain(CONTROL);
    assertThat(json.get("controls")).hasSize(2);
    assertThat(json.get("controls").get(0).get("property").asText()).isEqualTo(CONTROL);
    assertThat(json.get("nullControl").asText()).isEqualTo(Table1Layout.NULL_CONTROL_RULE);

    List<NamedCsvRecord> cells = csv(files.cellsCsv());
    assertThat(cells)
        .filteredOn(c -> c.getField("property").equals(CONTROL))
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.getField("null_control")).isEqualTo("true"));
    assertThat(cells)
        .filteredOn(c -> c.getField("property").equals("density"))
        .allSatisfy(c -> assertThat(c.getField("null_control")).isEqualTo("false"));

    String html = Files.readString(files.html());
    assertThat(html)
        .contains("<tr class=\"control\"><td>↳ " + LABEL + "</td><td colspan=\"")
        .contains("structure: +0.1 % [-0.3, +0.5], passed")
        .contains("class=\"control-rule\"")
        .contains("<text class=\"label control\"")
        .contains(LABEL + " → volume (structure)");
    for (Path svg : files.heatmapSvg().values()) {
      assertThat(Files.readString(svg)).contains(LABEL).contains("Below the dark rule");
    }
  }

  @Test
  void theGateWarnsInEveryFormatWhenTheControlIsSignificantOrLarge() throws IOException {
    // every seed lower: significant under both rules, and beyond 5 %
    SweepReport report = new SweepAggregator().aggregateTrainings(grid(-8, -7, -9));
    assertThat(report.table1())
        .allSatisfy(
            row ->
                assertThat(row.significantByRepresentation().values())
                    .allSatisfy(l -> assertThat(l).containsExactly("density")));
    // the rules under which it is significant, by their labels
    String rules = String.join(", ", ReportChecks.significantUnder(report.controls().get(0)));
    assertThat(rules).startsWith("paired, interval");
    String warning =
        "Null control failed for volume/structure: "
            + LABEL
            + ", which carries no information about the target, changed the error by -8.0 %"
            + " [-9.0, -7.0]: significant ("
            + rules
            + ") and"
            + " |mean change| 8 % above 5 % (threshold: significant under no rule, |mean change| at"
            + " most 5 %); the protocol, not the property, moves the error, so findings of this"
            + " size are doubtful.";
    assertThat(report.warnings()).contains(warning).hasSize(2);
    assertThat(report.checks().cellWarnings("volume", Representation.COMPOSITION))
        .singleElement()
        .asString()
        .startsWith("null control failed (permuted:band_gap -8.0 %, significant");
    assertThat(ReportChecks.thresholds()).contains("a null control");

    ReportFiles files = new ReportWriter().write(report, dir);
    assertThat(Files.readString(files.table1Markdown()))
        .contains("- " + warning)
        .contains("| ↳ " + LABEL + " | -8.0 % [-9.0, -7.0], FAILED |")
        .contains("| " + LABEL + " | volume | structure | -8.0 % | [-9.0, -7.0] % | 3/3 |");
    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("warnings").toString()).contains("Null control failed for volume/");
    assertThat(json.get("table1").toString()).doesNotContain(CONTROL);
    assertThat(csv(files.table1Csv()).get(0).getField("warnings")).contains("null control failed");
    assertThat(csv(files.table1Csv()).get(1).getField("warnings"))
        .startsWith("structure: FAILED, significant");
    assertThat(csv(files.cellsCsv()))
        .allSatisfy(c -> assertThat(c.getField("warnings")).contains("null control failed"));
    assertThat(Files.readString(files.html()))
        .contains("Null control failed for volume/structure")
        .contains("<strong>FAILED</strong>");
    for (Path svg : files.heatmapSvg().values()) {
      assertThat(Files.readString(svg)).contains("WARNING null control failed");
    }
  }

  @Test
  void aSmallButSignificantControlFailsAndSoDoesALargeInsignificantOne() {
    SweepReport small = new SweepAggregator().aggregateTrainings(grid(-1, -1.2, -0.8));
    CellSummary c = small.controls().get(0);
    assertThat(Math.abs(c.meanChangePercent())).isLessThan(5);
    assertThat(ReportChecks.significantUnder(c)).contains("paired");
    assertThat(ReportChecks.controlPasses(c)).isFalse();

    SweepReport large = new SweepAggregator().aggregateTrainings(grid(12, 9, -2));
    CellSummary l = large.controls().get(0);
    assertThat(ReportChecks.significantUnder(l)).isEmpty();
    assertThat(ReportChecks.controlPasses(l)).isFalse();
    assertThat(large.warnings()).allMatch(w -> w.contains("|mean change| 6.333 % above 5 %"));

    SweepReport quiet = new SweepAggregator().aggregateTrainings(grid(1, -2, 0.5));
    assertThat(ReportChecks.controlPasses(quiet.controls().get(0))).isTrue();
    assertThat(quiet.warnings()).isEmpty();
  }
}
