package tomo.activities.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SweepEstimateTest {
  private static SweepWorkload workload(long remainingAtomEpochs, long chain) {
    WorkCount all = new WorkCount(10, 1_000, remainingAtomEpochs * 2, 0);
    WorkCount remaining = new WorkCount(5, 500, remainingAtomEpochs, 0);
    return new SweepWorkload(
        "sha",
        100,
        2,
        all,
        remaining,
        chain,
        new SweepWorkload.Untrainable(0, List.of()),
        List.of());
  }

  @Test
  void spreadsTheRemainingWorkOverEveryTrainingAtOnce() {
    Throughput t = new Throughput(100, 2, 3, "measured", "pollers");

    SweepEstimate e = SweepEstimate.of(workload(60_000, 1_000), t);

    assertThat(t.totalAtomsPerSecond()).isEqualTo(600);
    assertThat(e.predictedSeconds()).isEqualTo(100);
  }

  @Test
  void neverBelowTheLongestChainAtOneTrainingsSpeed() {
    Throughput many = new Throughput(100, 50, 4, "measured", "--workers 50");

    SweepEstimate e = SweepEstimate.of(workload(60_000, 30_000), many);

    assertThat(e.predictedSeconds()).isEqualTo(300);
  }

  @Test
  void noSpeedNoPrediction() {
    SweepEstimate e = SweepEstimate.of(workload(60_000, 1_000), null);

    assertThat(e.predictedSeconds()).isNaN();
    assertThatThrownBy(() -> new Throughput(0, 1, 1, "x", "y"))
        .hasMessageContaining("positive speed");
  }
}
