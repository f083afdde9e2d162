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
        CliRun.of("compare", synthetic.toString(), synthetic.toString(), "--criterion", "ci95");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("SYNTHETIC: made-up numbers, not a result")
        .contains("criterion: 95 % CI below 0")
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
    assertThat(r.err()).contains("expected all-seeds or ci95");
  }
}
