package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tomo.activities.training.TrainerIds;

/**
 * A worker's {@code --trainer} and a spec's {@code trainer} name the same trainer, and the report
 * looks its results up by the id that trainer stamps into its content hashes.
 */
class TrainerChoiceTest {
  @Test
  void eachChoiceIsTheSpecsKindAndStoresUnderTheIdTheReportLooksUp() {
    for (TrainerChoice choice : TrainerChoice.values()) {
      assertThat(choice.kind().toString()).isEqualTo(choice.name());
      assertThat(choice.create(Duration.ZERO, 1).id())
          .as(choice.name())
          .isEqualTo(TrainerIds.of(choice.kind()))
          .isEqualTo(choice.trainerId());
    }
    assertThat(TrainerChoice.values()).hasSameSizeAs(tomo.workflows.model.TrainerKind.values());
  }
}
