package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/** The gates (baseline, diagonal, convergence), the synthetic banner and the refusal to mix. */
class ReportChecksTest {

  static final String VOLUME = "volume";
  static final Representation S = Representation.STRUCTURE;
  static final String SHA = "ab12";

  static ReportTraining training(
      String property, int seed, double test, int bestEpoch, String trainer, Double reference) {
    return new ReportTraining(
        new TrainingOutcome(
            VOLUME, property, Representation.STRUCTURE, seed, "mae", test, bestEpoch, null),
        new TrainingProvenance(trainer, SHA, 20, reference));
  }

  /**
   * The volume sweep: baselines 225 Å³ against 285 Å³ for the mean predictor, the target as
   * its own input only -5 %, and 3 of 6 trainings best at their last epoch (20).
   */
  static List<ReportTraining> undertrained(String trainer) {
    List<ReportTraining> t = new ArrayList<>();
    t.add(training(null, 1, 220, 20, trainer, 280.0));
    t.add(training(null, 2, 230, 18, trainer, 290.0));
    t.add(training(VOLUME, 1, 209, 20, trainer, 280.0)); // -5 %
    t.add(training(VOLUME, 2, 218.5, 15, trainer, 290.0)); // -5 %
    t.add(training("density", 1, 198, 20, trainer, 280.0)); // -10 %
    t.add(training("density", 2, 207, 12, trainer, 290.0)); // -10 %
    return t;
  }

  /**
   * table1.json writes the checks' computed values (ratio, share) after their inputs, the same in
   * every run: Jackson found them by reflection, whose order differed between two runs of one jar.
   */
  @Test
  void theChecksAndCellsWriteTheirComputedValuesInAFixedOrder() throws Exception {
    SweepReport report = new SweepAggregator().aggregateTrainings(undertrained("cgcnn-v1"));
    ObjectMapper json = new ObjectMapper();

    assertThat(fieldNames(json.valueToTree(report.checks().baselines().get(0))))
        .containsExactly(
            "target",
            "representation",
            "metric",
            "baselines",
            "meanBaselineMetric",
            "meanReferenceMetric",
            "ratio",
            "beatsReference");
    assertThat(fieldNames(json.valueToTree(report.checks().convergence())))
        .containsExactly("checked", "atLastEpoch", "unrecorded", "shareAtLastEpoch", "passes");
    assertThat(fieldNames(json.valueToTree(report.cells().get(0))))
        .endsWith("missingSeeds", "incompleteReason", "significantBy", "complete");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aWeakBaselineAFailedDiagonalAndUnconvergedTrainingsAreWarnedWithTheirThresholds() {
    SweepReport report = new SweepAggregator().aggregateTrainings(undertrained("cgcnn-v1"));
    ReportChecks checks = report.checks();

    BaselineCheck baseline = checks.baselines().get(0);
    assertThat(baseline.meanBaselineMetric()).isCloseTo(225, within(1e-9));
    assertThat(baseline.meanReferenceMetric()).isCloseTo(285, within(1e-9));
    assertThat(baseline.ratio()).isCloseTo(225.0 / 285, within(1e-12));
    assertThat(baseline.beatsReference()).isFalse();
    assertThat(checks.convergence().checked()).isEqualTo(6);
    assertThat(checks.convergence().atLastEpoch()).isEqualTo(3);

    assertThat(report.banner()).isEmpty();
    assertThat(report.warnings())
        .containsExactly(
            "Weak baseline volume/structure: test mae 225 is 0.7895 × the mean predictor's 285"
                + " (threshold: below 0.5 ×); the model barely beats the trivial predictor, so its"
                + " cells are doubtful.",
            "Diagonal check failed for volume/structure: given the target itself as input, the"
                + " error changed by only -5.0 % (threshold: below -20 %); the models are not"
                + " trained enough to measure feature importance.",
            "Not converged: 3 of 6 trainings (50 %) had their best validation epoch at their last"
                + " (threshold: at most 25 %); their errors were still falling, train longer.");
    assertThat(checks.cellWarnings(VOLUME, S))
        .containsExactly(
            "weak baseline (0.7895 × mean predictor, threshold < 0.5)",
            "diagonal check failed (-5.0 %, threshold < -20 %)",
            "not converged (50 % best at last epoch, threshold ≤ 25 %)");
  }

  @Test
  void wellTrainedModelsPassEveryGate() {
    List<ReportTraining> t = new ArrayList<>();
    t.add(training(null, 1, 50, 12, "cgcnn-v1", 280.0));
    t.add(training(null, 2, 60, 19, "cgcnn-v1", 290.0));
    t.add(training(VOLUME, 1, 5, 17, "cgcnn-v1", 280.0));
    t.add(training(VOLUME, 2, 6, 20, "cgcnn-v1", 290.0)); // 1 of 4 at the last epoch: 25 %
    SweepReport report = new SweepAggregator().aggregateTrainings(t);
    assertThat(report.warnings()).isEmpty();
    assertThat(report.checks().baselines().get(0).beatsReference()).isTrue();
  }

  @Test
  void syntheticTrainingsSaySoAndLeaveTheBaselineUnchecked() {
    List<ReportTraining> t = new ArrayList<>();
    for (ReportTraining r : undertrained("synthetic-v1")) {
      t.add(new ReportTraining(r.outcome(), new TrainingProvenance("synthetic-v1", SHA, 20, null)));
    }
    SweepReport report = new SweepAggregator().aggregateTrainings(t);
    assertThat(report.synthetic()).isTrue();
    assertThat(report.titlePrefix()).isEqualTo("SYNTHETIC — ");
    assertThat(report.banner().orElseThrow()).startsWith("SYNTHETIC: made-up numbers");
    assertThat(report.warnings().get(0)).isEqualTo(report.banner().orElseThrow());
    assertThat(report.warnings()).anyMatch(w -> w.startsWith("Baseline unchecked for volume/"));
    assertThat(report.originTag()).contains("synthetic");
  }

  @Test
  void trainingsOfUnknownOriginMayBeSynthetic() {
    SweepReport report = new SweepAggregator().aggregate(SweepAggregatorTest.handMade());
    assertThat(report.banner().orElseThrow()).contains("may be synthetic");
    assertThat(report.trainer()).isNull();
  }

  @Test
  void twoTrainersAreRefusedNamingBoth() {
    List<ReportTraining> t = new ArrayList<>(undertrained("cgcnn-v1"));
    t.set(3, training(VOLUME, 2, 218.5, 15, "synthetic-v1", null));
    assertThatThrownBy(() -> new SweepAggregator().aggregateTrainings(t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a report never mixes trainers; these trainings come from cgcnn-v1 (5 trainings, e.g."
                + " volume/-/structure/1) and synthetic-v1 (1 trainings, e.g."
                + " volume/volume/structure/2)");
  }

  @Test
  void theSameTrainingFromTwoTrainersIsMixingToo() {
    List<ReportTraining> t = new ArrayList<>(undertrained("cgcnn-v1"));
    t.add(training(null, 1, 220, 20, "synthetic-v1", null));
    assertThatThrownBy(() -> new SweepAggregator().aggregateTrainings(t))
        .hasMessageContaining("cgcnn-v1")
        .hasMessageContaining("synthetic-v1");
  }

  @Test
  void twoInitsOrTwoExtraGainsAreRefusedNamingBoth() {
    List<ReportTraining> t = new ArrayList<>();
    for (ReportTraining r : undertrained("cgcnn-v3")) {
      t.add(new ReportTraining(r.outcome(), network(r, "tight", "auto")));
    }
    List<ReportTraining> inits = new ArrayList<>(t);
    inits.set(2, new ReportTraining(t.get(2).outcome(), network(t.get(2), "independent", "auto")));
    assertThatThrownBy(() -> new SweepAggregator().aggregateTrainings(inits))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a report never mixes inits (hyper.init); these trainings come from tight (5"
                + " trainings, e.g. volume/-/structure/1) and independent (1 trainings, e.g."
                + " volume/volume/structure/1)");
    List<ReportTraining> gains = new ArrayList<>(t);
    gains.set(5, new ReportTraining(t.get(5).outcome(), network(t.get(5), "tight", "1")));
    assertThatThrownBy(() -> new SweepAggregator().aggregateTrainings(gains))
        .hasMessageStartingWith("a report never mixes extra-input gains (hyper.extraGain)")
        .hasMessageContaining("auto (5 trainings")
        .hasMessageContaining("1 (1 trainings, e.g. volume/density/structure/2)");
    // one setting throughout, whichever, reports
    assertThat(new SweepAggregator().aggregateTrainings(t).trainings()).hasSize(6);
  }

  private static TrainingProvenance network(ReportTraining r, String init, String gain) {
    TrainingProvenance p = r.provenance();
    return new TrainingProvenance(
        p.trainer(), p.datasetSha256(), p.epochs(), p.referenceTestMetric(), init, gain, null);
  }

  @Test
  void twoDatasetVersionsAreRefusedNamingBoth() {
    List<ReportTraining> t = new ArrayList<>(undertrained("cgcnn-v1"));
    ReportTraining other = t.get(0);
    t.set(
        0,
        new ReportTraining(other.outcome(), new TrainingProvenance("cgcnn-v1", "ff99", 20, 280.0)));
    assertThatThrownBy(() -> new SweepAggregator().aggregateTrainings(t))
        .hasMessageStartingWith("a report never mixes dataset versions")
        .hasMessageContaining("ff99 (1 trainings")
        .hasMessageContaining(SHA + " (5 trainings");
  }

  @Test
  void twoProtocolsAreRefusedNamingBoth() {
    List<ReportTraining> t = new ArrayList<>();
    for (ReportTraining r : undertrained("cgcnn-v2")) {
      TrainingProvenance p = r.provenance();
      t.add(
          new ReportTraining(
              r.outcome(),
              new TrainingProvenance(
                  p.trainer(),
                  p.datasetSha256(),
                  p.epochs(),
                  p.referenceTestMetric(),
                  null,
                  null,
                  "tomo")));
    }
    TrainingProvenance p = t.get(2).provenance();
    t.set(
        2,
        new ReportTraining(
            t.get(2).outcome(),
            new TrainingProvenance(
                p.trainer(),
                p.datasetSha256(),
                p.epochs(),
                p.referenceTestMetric(),
                null,
                null,
                "paper")));
    assertThatThrownBy(() -> new SweepAggregator().aggregateTrainings(t))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("a report never mixes protocols; these trainings come from tomo (5")
        .hasMessageContaining("and paper (1 trainings");
  }
}
