package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static tomo.activities.report.SweepAggregatorTest.BAND_GAP;
import static tomo.activities.report.SweepAggregatorTest.C;
import static tomo.activities.report.SweepAggregatorTest.S;
import static tomo.activities.report.SweepAggregatorTest.mae;

import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.SignificanceRule;

/** Per-cell statistics beyond mean/min/max: per-seed changes, seeds improved, the t-interval. */
class CellStatisticsTest {

  @Test
  void theIntervalIsThePairedTIntervalOfTheMeanChange() {
    // mean -10, sd √10, n 5, t(0.975, 4) = 2.7764451051977934 (tables): half-width 3.926486…
    MeanChangeInterval ci = MeanChangeInterval.of(new double[] {-12, -8, -10, -14, -6});
    assertThat(ci.lowPercent()).isCloseTo(-13.926486322955114, within(1e-9));
    assertThat(ci.highPercent()).isCloseTo(-6.073513677044886, within(1e-9));
    assertThat(ci.below0()).isTrue();
  }

  @Test
  void oneSeedHasNoInterval() {
    assertThat(MeanChangeInterval.of(new double[] {-30})).isNull();
    SweepReport report =
        new SweepAggregator()
            .aggregate(
                List.of(mae(BAND_GAP, null, S, 1, 0.5), mae(BAND_GAP, "density", S, 1, 0.4)));
    CellSummary cell = report.cell(BAND_GAP, "density", S).orElseThrow();
    assertThat(cell.interval()).isNull();
    assertThat(cell.complete()).isFalse();
    assertThat(cell.incompleteReason()).isEqualTo("1 seed");
    for (SignificanceRule rule : SignificanceRule.values()) {
      assertThat(cell.significant(rule)).as("one seed is incomplete: never %s", rule).isFalse();
    }
  }

  @Test
  void everyCellCarriesItsSeedsEveryCriterionAndTheInterval() {
    SweepReport report = new SweepAggregator().aggregate(SweepAggregatorTest.handMade());

    // density, structure: -10 %, -5 %, -20 %: lower for every seed, but 3 seeds this far apart
    // leave the mean's interval across 0: t(0.975, 2) = 4.302652729749464, sd 7.6376…
    CellSummary density = report.cell(BAND_GAP, "density", S).orElseThrow();
    assertThat(density.changesPercent())
        .satisfiesExactly(
            c -> assertThat(c).isCloseTo(-10, within(1e-9)),
            c -> assertThat(c).isCloseTo(-5, within(1e-9)),
            c -> assertThat(c).isCloseTo(-20, within(1e-9)));
    assertThat(density.improvedSeeds()).isEqualTo(3);
    assertThat(density.interval().lowPercent()).isCloseTo(-30.63958183465047, within(1e-9));
    assertThat(density.interval().highPercent()).isCloseTo(7.306248501317141, within(1e-9));
    assertThat(density.significant(SignificanceRule.PAIRED)).isTrue();
    assertThat(density.significant(SignificanceRule.INTERVAL)).isFalse();

    // volume, structure: 0 %, -10 %, 0 %: one seed improved
    assertThat(report.cell(BAND_GAP, "volume", S).orElseThrow().improvedSeeds()).isEqualTo(1);

    // volume, composition: -5 %, -5 %: no spread, the interval is the point; but seed 3 of the
    // sweep has no baseline, so the cell is incomplete and not significant
    CellSummary volume = report.cell(BAND_GAP, "volume", C).orElseThrow();
    assertThat(volume.interval().lowPercent()).isCloseTo(-5, within(1e-9));
    assertThat(volume.interval().highPercent()).isCloseTo(-5, within(1e-9));
    assertThat(volume.interval().below0()).isTrue();
    assertThat(volume.significant(SignificanceRule.INTERVAL)).isFalse();

    Table1Row row = report.table1().get(0);
    assertThat(row.significantByRepresentation().get(S)).containsExactly("density");
    assertThat(row.significant(SignificanceRule.INTERVAL, S)).isEmpty();
    assertThat(row.significant(SignificanceRule.INTERVAL, C)).isEmpty();
    assertThat(row.significant(SignificanceRule.PAIRED, S)).containsExactly("density");
  }

  @Test
  void theTargetAsItsOwnPropertyIsTheDiagonalNotATable1Cell() {
    SweepReport report =
        new SweepAggregator()
            .aggregate(
                List.of(
                    mae(BAND_GAP, null, S, 1, 0.50),
                    mae(BAND_GAP, null, S, 2, 0.40),
                    mae(BAND_GAP, BAND_GAP, S, 1, 0.10), // -80 %
                    mae(BAND_GAP, BAND_GAP, S, 2, 0.12), // -70 %
                    mae(BAND_GAP, "density", S, 1, 0.45),
                    mae(BAND_GAP, "density", S, 2, 0.36)));

    assertThat(report.cells()).extracting(CellSummary::property).containsExactly("density");
    assertThat(report.diagonal()).hasSize(1);
    CellSummary diagonal = report.diagonalCell(BAND_GAP, S).orElseThrow();
    assertThat(diagonal.meanChangePercent()).isCloseTo(-75, within(1e-9));
    assertThat(report.table1().get(0).significantByRepresentation().get(S))
        .containsExactly("density");
    assertThat(report.missing()).isEmpty();
    assertThat(report.checks().warnings()).noneMatch(w -> w.startsWith("Diagonal"));
  }
}
