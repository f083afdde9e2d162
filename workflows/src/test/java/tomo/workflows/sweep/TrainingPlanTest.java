package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.DataWarnings;
import tomo.workflows.model.IncompleteRows;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingRequest;

/** Which trainings a sweep runs on data that lacks values, and what each request asks for. */
class TrainingPlanTest {
  private static final PreparedDataset COMPLETE =
      new PreparedDataset("d.csv", "sha", 100, List.of(), DataWarnings.none());

  /** 7 rows lack oxide_type, 2 of them band_gap too (the null control's source). */
  private static final PreparedDataset LACKING =
      new PreparedDataset(
          "d.csv",
          "sha",
          100,
          List.of(),
          DataWarnings.none(),
          7,
          Map.of("oxide_type", 7, "band_gap", 2));

  private static SweepSpec spec(Protocol protocol, IncompleteRows rows) {
    return SweepSpec.builder()
        .targets(List.of("volume", "band_gap"))
        .properties(List.of("oxide_type", "density"))
        .representations(List.of(Representation.COMPOSITION))
        .seeds(List.of(0, 1))
        .protocol(protocol)
        .hyper(protocol.hyper(4))
        .incompleteRows(rows)
        .build()
        .normalized("test");
  }

  @Test
  void onCompleteDataNoRequestNamesTheGridSoHashesAreAsBefore() {
    for (TrainingRequest r : TrainingPlan.all(spec(Protocol.TOMO, IncompleteRows.DROP), COMPLETE)) {
      assertThat(r.completeOver()).isEmpty();
      assertThat(r.protocol()).isEqualTo(Protocol.TOMO);
    }
  }

  @Test
  void droppingIncompleteRowsGivesEveryTrainingOfTheSweepTheSameRows() {
    List<TrainingRequest> all = TrainingPlan.all(spec(Protocol.TOMO, IncompleteRows.DROP), LACKING);
    // shared baselines + cells (2 properties and the null control)
    assertThat(all).hasSize(2 * 2 + 2 * 2 * 3);
    assertThat(all).anyMatch(r -> "permuted:band_gap".equals(r.property()));
    for (TrainingRequest r : all) {
      // baselines and cells alike: their test sets are the same materials
      assertThat(r.completeOver()).containsExactly("band_gap", "density", "oxide_type", "volume");
    }
    assertThat(TrainingPlan.baselineMode(spec(Protocol.TOMO, IncompleteRows.DROP), LACKING))
        .isEqualTo(BaselineMode.SHARED);
  }

  @Test
  void keepingThemComparesEveryCellWithABaselineMaskedToItsRows() {
    SweepSpec keep = spec(Protocol.TOMO, IncompleteRows.KEEP);
    assertThat(keep.training().baseline()).isEqualTo(BaselineMode.SHARED);
    assertThat(TrainingPlan.baselineMode(keep, LACKING)).isEqualTo(BaselineMode.PER_CELL);
    List<TrainingRequest> all = TrainingPlan.all(keep, LACKING);
    // no shared baseline: none would test on the materials of oxide_type's cells
    assertThat(all).noneMatch(r -> r.property() == null && r.maskedProperty() == null);
    assertThat(all.stream().filter(r -> r.maskedProperty() != null))
        .extracting(TrainingRequest::maskedProperty)
        .containsOnly("oxide_type", "density", "permuted:band_gap")
        .hasSize(2 * 2 * 3);
    assertThat(all).allMatch(r -> r.completeOver().isEmpty());
    // on complete data keeping and dropping are the same sweep
    assertThat(TrainingPlan.baselineMode(keep, COMPLETE)).isEqualTo(BaselineMode.SHARED);
  }

  @Test
  void thePapersProtocolTravelsInEveryRequest() {
    List<TrainingRequest> all =
        TrainingPlan.all(spec(Protocol.PAPER, IncompleteRows.DROP), LACKING);
    assertThat(all).hasSize(2 * 2 * 2 * 3); // a masked baseline per cell, the control a cell too
    assertThat(all).allMatch(r -> r.protocol() == Protocol.PAPER);
    assertThat(all).allMatch(r -> r.hyper().equals(Protocol.PAPER.hyper(4)));
  }

  @Test
  void aFineTunedSweepTrainsEachBaselineInFullThenItsControlAndCellsFromIt() {
    SweepSpec spec = spec(Protocol.FINETUNE, IncompleteRows.DROP);
    assertThat(spec.training().hyper().finetuneEpochs()).isEqualTo(1); // a fifth of 4, at least 1
    List<TrainingRequest> all = TrainingPlan.all(spec, COMPLETE);
    // per (target, seed): the baseline in full, its control, 3 cells
    assertThat(all).hasSize(2 * 2 * (2 + 3));
    assertThat(spec.trainingCount()).isEqualTo(all.size());
    for (int i = 0; i < all.size(); i += 5) {
      TrainingRequest pretrain = all.get(i);
      TrainingRequest control = all.get(i + 1);
      assertThat(pretrain.isPretrain()).isTrue();
      assertThat(pretrain.isFinetune()).isFalse();
      assertThat(pretrain.epochsToTrain()).isEqualTo(4);
      assertThat(pretrain.hyper().finetuneEpochs()).isNull();
      assertThat(control.isBaseline()).isTrue();
      assertThat(control.isFinetune()).isTrue();
      assertThat(control.epochsToTrain()).isEqualTo(1);
      assertThat(control).isEqualTo(TrainingPlan.request(spec, COMPLETE, control.cell()));
      for (TrainingRequest t : all.subList(i + 1, i + 5)) {
        // every fine-tuning of the seed starts from that one baseline
        assertThat(t.pretrain()).isEqualTo(pretrain);
        assertThat(t.protocol()).isEqualTo(Protocol.FINETUNE);
      }
      assertThat(all.subList(i + 2, i + 5)).noneMatch(TrainingRequest::isBaseline);
    }
    // the baseline in full is the same training whatever the fine-tuning epochs
    SweepSpec longer =
        spec.toBuilder()
            .hyper(spec.training().hyper().toBuilder().finetuneEpochs(3).build())
            .build()
            .normalized("test");
    assertThat(TrainingPlan.all(longer, COMPLETE).get(0)).isEqualTo(all.get(0));
    assertThat(TrainingPlan.all(longer, COMPLETE).get(1)).isNotEqualTo(all.get(1));
  }
}
