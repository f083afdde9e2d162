package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import tomo.workflows.model.SweepStatus;

/**
 * Scale figures for bench/README.md ("Sweep orchestration"). Not part of the default test run:
 *
 * <pre>
 * mvn -B -q -pl workflows -am test -Dtest=SweepScaleBenchmark -Dtomo.bench=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 */
@EnabledIfSystemProperty(named = "tomo.bench", matches = "true")
class SweepScaleBenchmark {
  @Test
  void paperGridAndHundredThousandCells() {
    try (SweepTestEnvironment t = new SweepTestEnvironment()) {
      // warm-up: JIT and the test server's first workflows
      SweepScale.run(t, "warmup", SweepScale.spec(2, 5, 2, 2));
      SweepScale.Figures grid = SweepScale.run(t, "paper-grid", SweepScale.spec(9, 13, 2, 5));
      System.out.println("BENCH " + grid.line("paper grid 9x13x2x5"));
      assertThat(grid.result().done()).isEqualTo(1260);
    }
    try (SweepTestEnvironment t = new SweepTestEnvironment()) {
      SweepScale.Figures big = SweepScale.run(t, "synthetic-100k", SweepScale.spec(10, 100, 2, 50));
      System.out.println("BENCH " + big.line("synthetic 10x100x2x50 (100,000 cells)"));
      assertThat(big.result().status()).isEqualTo(SweepStatus.COMPLETED);
      assertThat(big.result().done()).isEqualTo(101_000);
      assertThat(big.result().maxHistoryLength()).isLessThan(51_200);
    }
  }
}
