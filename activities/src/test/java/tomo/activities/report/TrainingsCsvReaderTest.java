package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class TrainingsCsvReaderTest {

  @TempDir Path dir;

  @Test
  void theTrainingsFileRebuildsTheSameReport() throws Exception {
    List<TrainingOutcome> outcomes = new ArrayList<>(SweepAggregatorTest.handMade());
    outcomes.add(
        new TrainingOutcome(
            "band_gap",
            "oxide_type",
            Representation.STRUCTURE,
            2,
            "mae",
            0.1 / 3,
            4,
            "a,b \"c\"\nd"));
    SweepReport report = new SweepAggregator().aggregate(outcomes);
    ReportFiles files = new ReportWriter().write(report, dir);

    List<TrainingOutcome> read = TrainingsCsvReader.read(files.trainingsCsv());

    // The CSV has no way to tell a null artifact path from an empty one.
    List<TrainingOutcome> expected =
        report.trainings().stream()
            .map(
                t ->
                    t.artifactPath() != null
                        ? t
                        : new TrainingOutcome(
                            t.target(),
                            t.property(),
                            t.representation(),
                            t.seed(),
                            t.metric(),
                            t.testMetric(),
                            t.bestEpoch(),
                            ""))
            .toList();
    assertThat(read).isEqualTo(expected);
    assertThat(new SweepAggregator().aggregate(read).cells()).isEqualTo(report.cells());
  }

  @Test
  void provenanceSurvivesTheRoundTripAndOlderFilesReadAsNotRecorded() throws Exception {
    List<ReportTraining> trainings = ReportChecksTest.undertrained("cgcnn-v1");
    SweepReport report = new SweepAggregator().aggregateTrainings(trainings);
    ReportFiles files = new ReportWriter().write(report, dir);

    List<ReportTraining> read = TrainingsCsvReader.readTrainings(files.trainingsCsv());

    assertThat(read).extracting(ReportTraining::provenance).isEqualTo(report.provenance());
    assertThat(new SweepAggregator().aggregateTrainings(read).warnings())
        .isEqualTo(report.warnings());

    Path old = dir.resolve("old.csv");
    Files.writeString(
        old,
        "target,property,representation,seed,role,metric,test_metric,best_epoch,artifact_path\n"
            + "band_gap,,structure,1,baseline,mae,0.5,10,x\n");
    assertThat(TrainingsCsvReader.readTrainings(old).get(0).provenance())
        .isEqualTo(TrainingProvenance.UNRECORDED);
  }

  @Test
  void aBadValueIsReportedWithFileLineAndField() throws Exception {
    Path file = dir.resolve("trainings.csv");
    Files.writeString(
        file,
        "target,property,representation,seed,role,metric,test_metric,best_epoch,artifact_path\n"
            + "band_gap,,structure,1,baseline,mae,0.5,10,x\n"
            + "band_gap,density,structure,one,augmented,mae,0.4,10,y\n");
    assertThatThrownBy(() -> TrainingsCsvReader.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ", line 3, field seed: 'one' is not an integer");
  }

  @Test
  void aMissingColumnIsNamed() throws Exception {
    Path file = dir.resolve("trainings.csv");
    Files.writeString(file, "target,property,representation,seed\nband_gap,,structure,1\n");
    assertThatThrownBy(() -> TrainingsCsvReader.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2, field metric: column missing");
  }
}
