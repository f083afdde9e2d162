package tomo.activities.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.testing.TestActivityEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainingActivitiesImpl;
import tomo.hyper.HyperParameters;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.DataWarnings;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainerKind;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

class ReportActivitiesImplTest {
  @TempDir Path dir;
  private TestActivityEnvironment env;

  @BeforeEach
  void setUp() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(
        new TrainingActivitiesImpl(new SyntheticTrainer(Duration.ZERO)),
        new ReportActivitiesImpl(true));
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  @ParameterizedTest
  @EnumSource(BaselineMode.class)
  void collectsEveryStoredTrainingAndRendersHeatmapsAndTables(BaselineMode mode) throws Exception {
    SweepSpec spec =
        SweepSpec.builder()
            .name("r")
            .targets(List.of("band_gap", "volume"))
            .properties(List.of("density", "nsites", "efermi"))
            .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
            .seeds(List.of(0, 1))
            .hyper(HyperParameters.paper(2))
            .baseline(mode)
            .artifactDir(dir.toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(10)
            .build()
            .withTrainer(TrainerKind.SYNTHETIC)
            .normalized("r");
    PreparedDataset data = new PreparedDataset("d.csv", "sha", 10, List.of());
    TrainingActivities training = env.newActivityStub(TrainingActivities.class);
    List<TrainingRequest> all = TrainingPlan.all(spec, data);
    assertThat(all).hasSize((int) spec.trainingCount());
    // leave one augmented training out: the report says it is missing
    all.subList(1, all.size()).forEach(training::train);

    ReportActivities report = env.newActivityStub(ReportActivities.class);
    ReportSummary aggregated = report.aggregate("sweep-1", spec, data);
    assertThat(aggregated.missing()).isEqualTo(1);
    ReportSummary rendered = report.render("sweep-1", spec, aggregated);

    Path out = Path.of(rendered.dir());
    assertThat(out.resolve("heatmap-structure.png")).exists();
    assertThat(out.resolve("heatmap-composition.svg")).exists();
    assertThat(out.resolve("table1.md")).exists();
    assertThat(rendered.files()).contains(out.resolve("trainings.csv").toString());
    // every (target, property, representation) has a cell in the statistics, and so has the null
    // control (absent from the spec: permuted band_gap), on its own line of Table 1
    assertThat(lines(out.resolve("cells.csv"))).hasSize(1 + 2 * (3 + 1) * 2);
    assertThat(lines(out.resolve("cells.csv")))
        .filteredOn(l -> l.contains(",permuted:band_gap,"))
        .hasSize(2 * 2);
    assertThat(Files.readString(out.resolve("table1.md")))
        .contains("| ↳ null control (permuted band_gap) |");
    assertThat(Files.readString(out.resolve("table1.json")))
        .contains("\"property\" : \"permuted:band_gap\"");
    // The collected trainings carry their trainer: the report says the numbers are made up.
    assertThat(lines(out.resolve("table1.md")).get(0)).startsWith("# SYNTHETIC — Table 1");
    assertThat(lines(out.resolve("trainings.csv")).subList(1, 2))
        .allSatisfy(l -> assertThat(l).contains(",synthetic-v1,sha,2,"));
    // the HTML report, with every stored training's 2-epoch curve and how they were trained
    assertThat(rendered.files()).contains(out.resolve("report.html").toString());
    assertThat(lines(out.resolve("curves.csv"))).hasSize(1 + (all.size() - 1) * 2);
    assertThat(lines(out.resolve("provenance.csv")))
        .contains(
            "trainer,synthetic-v1," + (all.size() - 1),
            "dataset SHA-256,sha," + (all.size() - 1),
            "device,not recorded," + (all.size() - 1));
    String html = Files.readString(out.resolve("report.html"));
    // curves drawn, and the synthetic banner leads the page as it leads every other format
    assertThat(html).contains("<polyline ").contains("<title>SYNTHETIC — tomo report</title>");
    assertThat(html).contains("id=\"warnings\"").contains("SYNTHETIC: made-up numbers");
  }

  @Test
  void theReportJudgesCellsAgainstTheSpecsSeedsUnderItsPrimaryRule() throws Exception {
    SweepSpec spec =
        SweepSpec.builder()
            .name("r")
            .targets(List.of("band_gap"))
            .properties(List.of("density", "nsites"))
            .representations(List.of(Representation.STRUCTURE))
            .seeds(List.of(0, 1, 2))
            .hyper(HyperParameters.paper(2))
            .artifactDir(dir.toString())
            .rule(SignificanceRule.PAPER_BOUNDS)
            .build()
            .normalized("r")
            .withTrainer(TrainerKind.SYNTHETIC);
    PreparedDataset data = new PreparedDataset("d.csv", "sha", 10, List.of());
    TrainingActivities training = env.newActivityStub(TrainingActivities.class);
    // seed 2 never trained: no training of the report has it, only the spec knows it
    TrainingPlan.all(spec, data).stream().filter(r -> r.seed() != 2).forEach(training::train);

    ReportActivities report = env.newActivityStub(ReportActivities.class);
    ReportSummary rendered =
        report.render("sweep-3", spec, report.aggregate("sweep-3", spec, data));

    JsonNode json =
        new ObjectMapper().readTree(Path.of(rendered.dir()).resolve("table1.json").toFile());
    assertThat(json.get("primaryRule").asText()).isEqualTo("paper-bounds");
    assertThat(json.get("sweepSeeds").toString()).isEqualTo("[0,1,2]");
    assertThat(json.get("seedsFrom").asText()).isEqualTo("spec");
    assertThat(json.get("cells")).hasSize(2);
    for (JsonNode cell : json.get("cells")) {
      assertThat(cell.get("complete").asBoolean()).isFalse();
      assertThat(cell.get("incompleteReason").asText()).isEqualTo("seed 2 missing");
    }
  }

  @Test
  void rowsSkippedByThePrepareStepAreListedInTheReport() throws Exception {
    SweepSpec spec =
        SweepSpec.builder()
            .name("r")
            .targets(List.of("band_gap"))
            .properties(List.of("density"))
            .representations(List.of(Representation.COMPOSITION))
            .seeds(List.of(0))
            .hyper(HyperParameters.paper(2))
            .baseline(BaselineMode.SHARED)
            .artifactDir(dir.toString())
            .retryWindowMinutes(0)
            .heartbeatSeconds(10)
            .skipBadRows(true)
            .build()
            .normalized("r")
            .withTrainer(TrainerKind.SYNTHETIC);
    Path list =
        Files.writeString(
            dir.resolve("skipped.csv"), "row,material_id,field,reason\n7,mp-7,cif,\"no atoms\"\n");
    PreparedDataset data =
        new PreparedDataset(
            "d.csv", "sha", 10, List.of(), new DataWarnings(1, list.toString(), 0, 0));
    TrainingActivities training = env.newActivityStub(TrainingActivities.class);
    TrainingPlan.all(spec, data).forEach(training::train);

    ReportActivities report = env.newActivityStub(ReportActivities.class);
    ReportSummary rendered =
        report.render("sweep-2", spec, report.aggregate("sweep-2", spec, data));

    Path listed = Path.of(rendered.dir()).resolve(PrepareActivitiesImpl.SKIPPED_ROWS);
    assertThat(rendered.files()).contains(listed.toString());
    assertThat(lines(listed))
        .containsExactly("row,material_id,field,reason", "7,mp-7,cif,\"no atoms\"");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
