package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

/**
 * A group too big for one history continues as new and the sweep still counts every training once.
 */
class SweepScaleTest {
  @Test
  void aLargeGroupContinuesAsNewAndStaysFarBelowTheHistoryLimit() {
    try (SweepTestEnvironment t = new SweepTestEnvironment()) {
      SweepSpec spec = SweepScale.spec(1, 600, 1, 5); // one group of 3,005 trainings
      SweepScale.Figures f = SweepScale.run(t, "modest", spec);
      System.out.println(f.line("modest sweep"));

      assertThat(f.result().status()).isEqualTo(SweepStatus.COMPLETED);
      assertThat(f.result().done()).isEqualTo(3005);
      assertThat(t.training.trainings()).isEqualTo(3005);
      assertThat(t.training.trained.values()).allMatch(n -> n.get() == 1);
      assertThat(SweepScale.continuedAsNew(t.client, "modest/t0/structure/r0")).isTrue();
      assertThat(f.result().maxHistoryLength()).isLessThan(10_240);
    }
  }
}
