package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static tomo.workflows.model.SignificanceRule.PAIRED;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class SweepAggregatorTest {

  static final String BAND_GAP = "band_gap";
  static final String SYSTEM = "spacegroup.crystal_system";
  static final Representation S = Representation.STRUCTURE;
  static final Representation C = Representation.COMPOSITION;

  static TrainingOutcome mae(
      String target, String property, Representation rep, int seed, double value) {
    return new TrainingOutcome(
        target, property, rep, seed, "mae", value, 10, "artifacts/" + target + "/" + property);
  }

  static TrainingOutcome errorRate(
      String target, String property, Representation rep, int seed, double value) {
    return new TrainingOutcome(target, property, rep, seed, "error_rate", value, 7, null);
  }

  /** A small sweep with known answers and known holes (see the comments). */
  static List<TrainingOutcome> handMade() {
    List<TrainingOutcome> o = new ArrayList<>();
    // band_gap, structure: baselines 0.5, 0.4, 0.6
    o.add(mae(BAND_GAP, null, S, 1, 0.50));
    o.add(mae(BAND_GAP, null, S, 2, 0.40));
    o.add(mae(BAND_GAP, null, S, 3, 0.60));
    // density: -10 %, -5 %, -20 %  -> significant
    o.add(mae(BAND_GAP, "density", S, 1, 0.45));
    o.add(mae(BAND_GAP, "density", S, 2, 0.38));
    o.add(mae(BAND_GAP, "density", S, 3, 0.48));
    // volume: 0 %, -10 %, 0 %  -> max = 0, not significant
    o.add(mae(BAND_GAP, "volume", S, 1, 0.50));
    o.add(mae(BAND_GAP, "volume", S, 2, 0.36));
    o.add(mae(BAND_GAP, "volume", S, 3, 0.60));
    // band_gap, composition: seed 3 has no baseline
    o.add(mae(BAND_GAP, null, C, 1, 1.0));
    o.add(mae(BAND_GAP, null, C, 2, 0.8));
    o.add(mae(BAND_GAP, "density", C, 1, 0.90)); // -10 %
    o.add(mae(BAND_GAP, "density", C, 2, 0.84)); // +5 %
    o.add(mae(BAND_GAP, "density", C, 3, 0.70)); // unpaired
    o.add(mae(BAND_GAP, "volume", C, 1, 0.95)); // -5 %
    o.add(mae(BAND_GAP, "volume", C, 2, 0.76)); // -5 %
    o.add(mae(BAND_GAP, "volume", C, 3, 0.90)); // unpaired
    // crystal system (categorical), structure: error rates; no volume trainings at all
    o.add(errorRate(SYSTEM, null, S, 1, 0.20));
    o.add(errorRate(SYSTEM, null, S, 2, 0.25));
    o.add(errorRate(SYSTEM, null, S, 3, 0.10));
    o.add(errorRate(SYSTEM, BAND_GAP, S, 1, 0.10)); // -50 %
    o.add(errorRate(SYSTEM, BAND_GAP, S, 2, 0.20)); // -20 %
    o.add(errorRate(SYSTEM, BAND_GAP, S, 3, 0.05)); // -50 %
    o.add(errorRate(SYSTEM, "density", S, 1, 0.20)); // 0 %
    o.add(errorRate(SYSTEM, "density", S, 2, 0.25)); // 0 %
    o.add(errorRate(SYSTEM, "density", S, 3, 0.10)); // 0 %
    // crystal system, composition: nothing finished
    return o;
  }

  @Test
  void meansMinMaxAndSignificanceOverSeeds() {
    SweepReport report = new SweepAggregator().aggregate(handMade());

    CellSummary density = report.cell(BAND_GAP, "density", S).orElseThrow();
    assertThat(density.seeds()).containsExactly(1, 2, 3);
    assertThat(density.meanChangePercent()).isCloseTo(-35.0 / 3, within(1e-9));
    assertThat(density.minChangePercent()).isCloseTo(-20, within(1e-9));
    assertThat(density.maxChangePercent()).isCloseTo(-5, within(1e-9));
    assertThat(density.meanBaselineMetric()).isCloseTo(0.5, within(1e-12));
    assertThat(density.meanAugmentedMetric()).isCloseTo(1.31 / 3, within(1e-12));
    assertThat(density.metric()).isEqualTo("mae");
    assertThat(density.significant(PAIRED)).isTrue();

    CellSummary volume = report.cell(BAND_GAP, "volume", S).orElseThrow();
    assertThat(volume.meanChangePercent()).isCloseTo(-10.0 / 3, within(1e-9));
    assertThat(volume.minChangePercent()).isCloseTo(-10, within(1e-9));
    assertThat(volume.maxChangePercent()).isCloseTo(0, within(1e-9));
    assertThat(volume.significant(PAIRED))
        .as("max = 0 is not a reduction for every seed")
        .isFalse();

    CellSummary densityComposition = report.cell(BAND_GAP, "density", C).orElseThrow();
    assertThat(densityComposition.seeds()).containsExactly(1, 2);
    assertThat(densityComposition.meanChangePercent()).isCloseTo(-2.5, within(1e-9));
    assertThat(densityComposition.significant(PAIRED)).isFalse();

    CellSummary volumeComposition = report.cell(BAND_GAP, "volume", C).orElseThrow();
    assertThat(volumeComposition.meanChangePercent()).isCloseTo(-5, within(1e-9));
    // -5 % for both seeds it has, but seed 3 of the sweep has no baseline: incomplete
    assertThat(volumeComposition.maxChangePercent()).isNegative();
    assertThat(volumeComposition.complete()).isFalse();
    assertThat(volumeComposition.missingSeeds()).containsExactly(3);
    assertThat(volumeComposition.incompleteReason()).isEqualTo("seed 3 missing");
    assertThat(volumeComposition.significant(PAIRED)).isFalse();
  }

  @Test
  void categoricalTargetsUseTheErrorRate() {
    SweepReport report = new SweepAggregator().aggregate(handMade());

    CellSummary bandGap = report.cell(SYSTEM, BAND_GAP, S).orElseThrow();
    assertThat(bandGap.metric()).isEqualTo("error_rate");
    assertThat(bandGap.meanChangePercent()).isCloseTo(-40, within(1e-9));
    assertThat(bandGap.maxChangePercent()).isCloseTo(-20, within(1e-9));
    assertThat(bandGap.significant(PAIRED)).isTrue();
    assertThat(report.cell(SYSTEM, "density", S).orElseThrow().significant(PAIRED)).isFalse();
  }

  @Test
  void unpairedTrainingsAreReportedWithTheirReason() {
    SweepReport report = new SweepAggregator().aggregate(handMade());

    assertThat(report.missing())
        .contains(
            new MissingPair(BAND_GAP, "density", C, 3, "no baseline training"),
            new MissingPair(BAND_GAP, "volume", C, 3, "no baseline training"),
            new MissingPair(SYSTEM, "volume", S, 1, "no augmented training"),
            new MissingPair(SYSTEM, "volume", S, 3, "no augmented training"),
            new MissingPair(
                SYSTEM, "density", C, 2, "no augmented training and no baseline training"));
    // 2 (band_gap composition seed 3) + 3 (crystal system volume) + 3 properties × 3 seeds (crystal
    // system composition); the target as its own property is no hole.
    assertThat(report.missing()).hasSize(14);
    assertThat(report.missing())
        .noneMatch(m -> BAND_GAP.equals(m.property()) && m.target().equals(BAND_GAP));
    assertThat(report.cell(SYSTEM, "volume", S)).isEmpty();
    assertThat(report.pairs()).hasSize(6 + 4 + 6);
  }

  @Test
  void tableOneListsSignificantPropertiesPerRepresentation() {
    SweepReport report = new SweepAggregator().aggregate(handMade());

    assertThat(report.targets()).containsExactly(BAND_GAP, SYSTEM);
    assertThat(report.properties()).containsExactly(BAND_GAP, "density", "volume");
    assertThat(report.representations()).containsExactly(S, C);
    Table1Row bandGap = report.table1().get(0);
    assertThat(bandGap.target()).isEqualTo(BAND_GAP);
    assertThat(bandGap.significantByRepresentation().get(S)).containsExactly("density");
    // volume, composition lowers the error for both seeds it has, but seed 3 is missing
    assertThat(bandGap.significantByRepresentation().get(C)).isEmpty();
    assertThat(bandGap.incompleteByRepresentation().get(C)).containsExactly("density", "volume");
    assertThat(bandGap.incompleteByRepresentation().get(S)).isEmpty();
    assertThat(bandGap.structureNotComposition()).containsExactly("density");
    Table1Row system = report.table1().get(1);
    assertThat(system.significantByRepresentation().get(S)).containsExactly(BAND_GAP);
    assertThat(system.significantByRepresentation().get(C)).isEmpty();
    assertThat(system.structureNotComposition()).containsExactly(BAND_GAP);
  }

  @Test
  void resultDoesNotDependOnTheOrderTrainingsFinished() {
    List<TrainingOutcome> shuffled = new ArrayList<>(handMade());
    Collections.shuffle(shuffled, new Random(42));
    assertThat(new SweepAggregator().aggregate(shuffled))
        .isEqualTo(new SweepAggregator().aggregate(handMade()));
  }

  @Test
  void preferredOrderComesFirstThenAlphabetical() {
    SweepReport report = new SweepAggregator(List.of("volume", SYSTEM)).aggregate(handMade());
    assertThat(report.targets()).containsExactly(SYSTEM, BAND_GAP);
    assertThat(report.properties()).containsExactly("volume", BAND_GAP, "density");
    TrainingOutcome first = report.trainings().get(0);
    assertThat(first.target()).isEqualTo(SYSTEM);
    assertThat(first.property()).as("baseline first").isNull();
  }

  @Test
  void aRepeatedIdenticalTrainingCountsOnce() {
    List<TrainingOutcome> outcomes = new ArrayList<>(handMade());
    outcomes.add(mae(BAND_GAP, "density", S, 1, 0.45));
    SweepReport report = new SweepAggregator().aggregate(outcomes);
    assertThat(report.cell(BAND_GAP, "density", S).orElseThrow().seedCount()).isEqualTo(3);
    assertThat(report.trainings()).hasSize(handMade().size());
  }

  @Test
  void aConflictingRepeatedTrainingIsAnError() {
    List<TrainingOutcome> outcomes = new ArrayList<>(handMade());
    outcomes.add(mae(BAND_GAP, "density", S, 1, 0.47));
    assertThatThrownBy(() -> new SweepAggregator().aggregate(outcomes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target band_gap, property density, structure, seed 1")
        .hasMessageContaining("0.45")
        .hasMessageContaining("0.47");
  }

  @Test
  void aZeroBaselineOrMismatchedMetricIsReportedNotDivided() {
    List<TrainingOutcome> outcomes =
        List.of(
            mae("energy", null, S, 1, 0.0),
            mae("energy", "density", S, 1, 0.1),
            mae("energy", null, S, 2, 0.2),
            errorRate("energy", "density", S, 2, 0.1));
    SweepReport report = new SweepAggregator().aggregate(outcomes);
    assertThat(report.cells()).isEmpty();
    assertThat(report.missing())
        .extracting(MissingPair::reason)
        .containsExactly(
            "baseline test mae is 0.0; relative change undefined",
            "metric differs: baseline mae, augmented error_rate");
  }

  @Test
  void baselinesWithoutAnyAugmentedTrainingAreReported() {
    SweepReport report = new SweepAggregator().aggregate(List.of(mae(BAND_GAP, null, S, 1, 0.3)));
    assertThat(report.cells()).isEmpty();
    assertThat(report.missing())
        .containsExactly(
            new MissingPair(BAND_GAP, null, S, 1, "no augmented training for any property"));
  }

  @Test
  void aHundredThousandTrainingSweepAggregates() {
    // 20 targets × 50 properties × 2 representations × 50 seeds, plus the shared baselines.
    List<TrainingOutcome> outcomes = new ArrayList<>();
    Random random = new Random(3);
    for (int t = 0; t < 20; t++) {
      for (Representation rep : List.of(S, C)) {
        for (int seed = 1; seed <= 50; seed++) {
          outcomes.add(mae("t" + t, null, rep, seed, 1.0));
          for (int p = 0; p < 50; p++) {
            outcomes.add(mae("t" + t, "p" + p, rep, seed, 0.5 + random.nextDouble()));
          }
        }
      }
    }
    assertThat(outcomes).hasSizeGreaterThan(100_000);

    SweepReport report = new SweepAggregator().aggregate(outcomes);

    assertThat(report.cells()).hasSize(20 * 50 * 2);
    assertThat(report.pairs()).hasSize(100_000);
    assertThat(report.missing()).isEmpty();
    assertThat(report.cells()).allSatisfy(c -> assertThat(c.seedCount()).isEqualTo(50));
    assertThat(report.table1()).hasSize(20);
  }

  @Test
  void anOutcomeWithoutTargetIsRejectedByPosition() {
    List<TrainingOutcome> outcomes =
        List.of(mae(BAND_GAP, null, S, 1, 0.3), mae(" ", "density", S, 1, 0.3));
    assertThatThrownBy(() -> new SweepAggregator().aggregate(outcomes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("training outcome #2 has no target");
  }
}
