package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.workflows.model.Representation;

/** Every report format carries the synthetic banner and each failed gate with its threshold. */
class ReportWarningsTest {

  @TempDir Path dir;

  private static String text(Path file) throws IOException {
    return Files.readString(file);
  }

  @Test
  void aSyntheticReportSaysSoInEveryFormat() throws IOException {
    List<ReportTraining> trainings = new ArrayList<>();
    for (ReportTraining t : ReportChecksTest.undertrained("synthetic-v1")) {
      trainings.add(
          new ReportTraining(
              t.outcome(), new TrainingProvenance("synthetic-v1", ReportChecksTest.SHA, 20, null)));
    }
    SweepReport report = new SweepAggregator().aggregateTrainings(trainings);
    ReportFiles files = new ReportWriter().write(report, dir);

    String md = text(files.table1Markdown());
    assertThat(md)
        .startsWith("# SYNTHETIC — Table 1")
        .contains("> **SYNTHETIC: made-up numbers from the synthetic-v1 trainer")
        .contains("Trainer: synthetic-v1; dataset SHA-256: ab12.");
    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("synthetic").asBoolean()).isTrue();
    assertThat(json.get("title").asText()).startsWith("SYNTHETIC — ");
    assertThat(json.get("banner").asText()).startsWith("SYNTHETIC: made-up numbers");
    assertThat(json.get("warnings").get(0).asText()).startsWith("SYNTHETIC: made-up numbers");
    for (Path csv : List.of(files.table1Csv(), files.cellsCsv())) {
      List<String> lines = Files.readAllLines(csv);
      assertThat(lines.get(0)).as(csv.toString()).contains("trainer", "warnings");
      assertThat(lines.subList(1, lines.size()))
          .as(csv.toString())
          .allSatisfy(l -> assertThat(l).contains("synthetic-v1", "synthetic;"));
    }
    List<String> trainingLines = Files.readAllLines(files.trainingsCsv());
    assertThat(trainingLines.subList(1, trainingLines.size()))
        .allSatisfy(l -> assertThat(l).contains(",synthetic-v1,ab12,20,"));
    for (Path svg : files.heatmapSvg().values()) {
      assertThat(text(svg))
          .as(svg.toString())
          .contains("SYNTHETIC — Structure: change of the test error")
          .contains("SYNTHETIC: made-up numbers from the synthetic-v1 trainer");
    }
  }

  @Test
  void failedGatesAreWarnedInEveryFormatWithTheirThresholds() throws IOException {
    SweepReport report =
        new SweepAggregator().aggregateTrainings(ReportChecksTest.undertrained("cgcnn-v1"));
    ReportFiles files = new ReportWriter().write(report, dir);

    String md = text(files.table1Markdown());
    assertThat(md)
        .startsWith("# Table 1")
        .doesNotContain("SYNTHETIC")
        .contains("- Weak baseline volume/structure: test mae 225 is 0.7895 ×")
        .contains("(threshold: below 0.5 ×)")
        .contains("- Diagonal check failed for volume/structure")
        .contains("- Not converged: 3 of 6 trainings (50 %)")
        .contains("| volume | structure | mae 225 | mean predictor 285 | 0.7895 | WEAK |")
        .contains("| volume | structure | -5.0 % | 2/2 | FAILED |")
        .contains(ReportChecks.thresholds());
    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("warnings")).hasSize(3);
    assertThat(json.get("gates").asText()).isEqualTo(ReportChecks.thresholds());
    assertThat(json.get("checks").get("diagonal").get(0).get("meanChangePercent").asDouble())
        .isEqualTo(-5.0, org.assertj.core.api.Assertions.within(1e-9));
    String cells = text(files.cellsCsv());
    assertThat(cells)
        .contains("weak baseline (0.7895 × mean predictor, threshold < 0.5)")
        .contains("diagonal check failed (-5.0 %, threshold < -20 %)");
    assertThat(text(files.table1Csv())).contains("not converged (50 % best at last epoch");
    String svg = text(files.heatmapSvg().get(Representation.STRUCTURE));
    assertThat(svg)
        .contains("WARNING weak baseline (test error not below 0.5 × the trivial predictor")
        .contains("WARNING diagonal check failed")
        .contains("WARNING not converged: 50 % of trainings")
        .contains(">self -5.0<")
        .contains(">CHECK FAILED<");
  }
}
