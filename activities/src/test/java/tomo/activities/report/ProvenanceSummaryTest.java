package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tomo.activities.store.RunData;
import tomo.activities.store.RunEnvironment;
import tomo.activities.store.RunFigures;
import tomo.activities.store.RunProvenance;
import tomo.activities.store.StoredTraining;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.Rows;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;

class ProvenanceSummaryTest {

  /** How a training on {@code device} with {@code threads} threads ran. */
  private static Optional<RunProvenance> ranOn(String device, int threads) {
    return Optional.of(
        new RunProvenance(
            new RunEnvironment("CPU", device, threads, 1, "glibc", "0.33.0", "2.5.1"),
            new RunData("graphs-v1", 600, 200, 200, 0, 0, 0),
            new RunFigures(0.5, 1.0, 100.0, 2000.0, 0, false, 30),
            Optional.empty()));
  }

  private static StoredTraining trained(int seed, Optional<RunProvenance> provenance) {
    TrainingRequest request =
        TrainingRequest.builder()
            .dataset("d.csv.gz", "5f3a")
            .cell(new CellKey("band_gap", null, Representation.STRUCTURE, seed))
            .hyper(HyperParameters.defaults())
            .rows(new Rows.First(1000))
            .artifactDir("/a")
            .build();
    return new StoredTraining(
        "h" + seed,
        "cgcnn-v1",
        request,
        new TrainingOutcome("band_gap", null, Representation.STRUCTURE, seed, "mae", 0.5, 30, "x"),
        30,
        60,
        "2026-12-01T00:00:00Z",
        provenance,
        List.of());
  }

  @Test
  void aSweepOnMixedMachinesSaysWhichDidHowMany() {
    Optional<RunProvenance> cpu = ranOn("cpu()", 2);
    Optional<RunProvenance> gpu = ranOn("gpu(0)", 8);

    ProvenanceSummary summary =
        ProvenanceSummary.of(
            List.of(
                trained(1, cpu), trained(2, gpu), trained(3, cpu), trained(4, Optional.empty())));

    assertThat(summary.field("device"))
        .containsExactly(
            new ProvenanceSummary.Entry("device", "cpu()", 2),
            new ProvenanceSummary.Entry("device", "gpu(0)", 1),
            new ProvenanceSummary.Entry("device", ProvenanceSummary.NOT_RECORDED, 1));
    assertThat(summary.field("dataset SHA-256"))
        .containsExactly(new ProvenanceSummary.Entry("dataset SHA-256", "5f3a", 4));
    assertThat(summary.field("materials"))
        .containsExactly(new ProvenanceSummary.Entry("materials", "first 1000 rows", 4));
    assertThat(summary.field("threads"))
        .containsExactly(
            new ProvenanceSummary.Entry("threads", "2", 2),
            new ProvenanceSummary.Entry("threads", "8", 1),
            new ProvenanceSummary.Entry("threads", ProvenanceSummary.NOT_RECORDED, 1));
    assertThat(summary.field("DJL"))
        .containsExactly(
            new ProvenanceSummary.Entry("DJL", "0.33.0", 3),
            new ProvenanceSummary.Entry("DJL", ProvenanceSummary.NOT_RECORDED, 1));
    assertThat(summary.field("epochs"))
        .containsExactly(new ProvenanceSummary.Entry("epochs", "30", 4));
    assertThat(summary.fieldNames()).startsWith("trainer", "protocol", "dataset SHA-256");
    // tomo's protocol, and what the request departs from in it: a milestone past its epochs
    assertThat(summary.field("protocol").get(0).value())
        .startsWith("tomo: the learning-rate milestone (epoch 100) lies beyond the 30 epochs");
    assertThat(summary.field("incomplete rows").get(0).value())
        .isEqualTo("kept where target and property have values");
    assertThat(summary.field("init"))
        .containsExactly(new ProvenanceSummary.Entry("init", "tight", 4));
    assertThat(summary.field("extra gain"))
        .containsExactly(new ProvenanceSummary.Entry("extra gain", "auto", 4));

    ProvenanceSummary twice = ProvenanceSummary.merge(List.of(summary, summary));
    assertThat(twice.field("device").get(0).trainings()).isEqualTo(4);
  }

  @Test
  void aSampledSweepSaysItsSampleAndSeed() {
    StoredTraining t = trained(1, Optional.empty());
    TrainingRequest r = t.request();
    TrainingRequest sampled = r.toBuilder().rows(new Rows.Sample(1000, 2020)).build();
    StoredTraining s =
        new StoredTraining(
            t.contentHash(),
            t.trainer(),
            sampled,
            t.outcome(),
            t.epochs(),
            t.trainSeconds(),
            t.finishedAt(),
            t.provenance(),
            t.history());

    assertThat(ProvenanceSummary.of(List.of(s)).field("materials"))
        .containsExactly(
            new ProvenanceSummary.Entry("materials", "random sample of 1000 (seed 2020)", 1));
  }

  @Test
  void theNetworksInitAndExtraGainAreSaidAndReadByTheReport() {
    StoredTraining t = trained(1, Optional.empty());
    TrainingRequest paper =
        t.request().toBuilder()
            .hyper(
                HyperParameters.builder()
                    .init(InitMode.INDEPENDENT)
                    .extraGain(ExtraGain.of(1))
                    .build())
            .build();
    StoredTraining s =
        new StoredTraining(
            t.contentHash(),
            t.trainer(),
            paper,
            t.outcome(),
            t.epochs(),
            t.trainSeconds(),
            t.finishedAt(),
            t.provenance(),
            t.history());

    ProvenanceSummary summary = ProvenanceSummary.of(List.of(s));
    assertThat(summary.field("init"))
        .containsExactly(new ProvenanceSummary.Entry("init", "independent", 1));
    assertThat(summary.field("extra gain"))
        .containsExactly(new ProvenanceSummary.Entry("extra gain", "1", 1));
    TrainingProvenance p = TrainingProvenance.of(s);
    assertThat(p.init()).isEqualTo("independent");
    assertThat(p.extraGain()).isEqualTo("1");
  }
}
