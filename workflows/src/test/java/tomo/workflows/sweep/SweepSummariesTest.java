package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.GroupRequest;
import tomo.workflows.model.GroupTally;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

class SweepSummariesTest {
  private static final PreparedDataset DATA = new PreparedDataset("d.csv", "abc", 10, List.of());

  @Test
  void aTrainingSaysWhatItTrainsAndWhichKindItIs() {
    SweepSpec spec = SweepTestEnvironment.spec(1, 2, 1, BaselineMode.PER_CELL);
    CellKey cell = new CellKey("band_gap", "volume", Representation.COMPOSITION, 1);
    assertThat(SweepSummaries.training(TrainingPlan.request(spec, DATA, cell)))
        .isEqualTo("band_gap + volume · composition · seed 1 · augmented");
    assertThat(SweepSummaries.training(TrainingPlan.request(spec, DATA, cell.baseline())))
        .isEqualTo("band_gap · composition · seed 1 · baseline");
    assertThat(SweepSummaries.training(TrainingPlan.perCellBaseline(spec, DATA, cell)))
        .isEqualTo("band_gap · composition · seed 1 · baseline, volume masked");
  }

  @Test
  void aGroupCountsItsTrainings() {
    SweepSpec shared = SweepTestEnvironment.spec(1, 5, 3, BaselineMode.SHARED);
    assertThat(SweepSummaries.group(group(shared, null), 0))
        .isEqualTo("t0 · structure: 18 trainings"); // 3 baselines + 15 cells
    SweepSpec perCell = SweepTestEnvironment.spec(1, 5, 3, BaselineMode.PER_CELL);
    assertThat(SweepSummaries.group(group(perCell, null), 0))
        .isEqualTo("t0 · structure: 30 trainings");
    List<CellKey> retry =
        List.of(
            new CellKey("t0", null, Representation.STRUCTURE, 2),
            new CellKey("t0", "p1", Representation.STRUCTURE, 2));
    assertThat(SweepSummaries.group(group(shared, retry), 1))
        .isEqualTo("t0 · structure: 2 trainings (retry round 1)");
  }

  @Test
  void theProgressLineReadsLikeSweepStatus() {
    SweepProgress p =
        new SweepProgress(
            "s", SweepStatus.RUNNING, 0, 32, 12, 3, 2, 1, 17, 250.0, 1.0, List.of(), null, null);
    assertThat(SweepSummaries.progress(p))
        .isEqualTo(
            "running · 12/32 done (3 memoized) · 2 running · 1 failed · 17 pending · ETA 4 min");
    assertThat(SweepSummaries.duration(40)).isEqualTo("40 s");
    assertThat(SweepSummaries.duration(3 * 3600 + 20 * 60)).isEqualTo("3 h 20 min");
    assertThat(SweepSummaries.duration(53 * 3600)).isEqualTo("2 d 5 h");
  }

  private static GroupRequest group(SweepSpec spec, List<CellKey> cells) {
    return new GroupRequest(
        "s",
        "t0/structure/r0",
        spec,
        DATA,
        "t0",
        Representation.STRUCTURE,
        cells,
        0,
        GroupTally.empty(List.of()),
        0);
  }
}
