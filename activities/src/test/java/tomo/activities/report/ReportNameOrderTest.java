package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class ReportNameOrderTest {

  @Test
  void recoversTheSpecOrderOfTheWrittenTrainings() {
    SweepReport report =
        new SweepAggregator(ReportWriterTest.PAPER_PROPERTIES)
            .aggregate(ReportWriterTest.syntheticPaperGrid());

    List<String> order = ReportNameOrder.recover(List.of(report.trainings()));

    SweepReport again = new SweepAggregator(order).aggregate(report.trainings());
    assertThat(again.targets()).isEqualTo(report.targets());
    assertThat(again.properties()).isEqualTo(report.properties());
    assertThat(again).isEqualTo(report);
  }

  @Test
  void aNameSeenLateStillTakesItsPlace() {
    List<String> preferred = List.of("volume", SweepAggregatorTest.SYSTEM, "density");
    SweepReport report = new SweepAggregator(preferred).aggregate(SweepAggregatorTest.handMade());

    List<String> order = ReportNameOrder.recover(List.of(report.trainings()));

    assertThat(new SweepAggregator(order).aggregate(report.trainings())).isEqualTo(report);
  }

  @Test
  void filesThatDisagreeStillGiveEveryNameOnce() {
    TrainingOutcome xa =
        new TrainingOutcome("t", "a", Representation.STRUCTURE, 1, "mae", 1, 1, null);
    TrainingOutcome xb =
        new TrainingOutcome("t", "b", Representation.STRUCTURE, 1, "mae", 1, 1, null);

    List<String> order = ReportNameOrder.recover(List.of(List.of(xa, xb), List.of(xb, xa)));

    assertThat(order).containsExactly("t", "a", "b");
  }
}
