package tomo.activities.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepSpecParser;

/**
 * The prepare activity reads the spec's sample of the shared dataset, and refuses (for sweeps not
 * started by {@code tomo sweep start}, which checks first) names the dataset lacks.
 */
class PrepareSampleAndCoverageTest {
  @TempDir Path dir;

  private SweepSpec spec(String target, String rows) {
    return SweepSpecParser.parse(
        "dataset: "
            + DatasetLocation.resolve(null)
            + "\ntargets: ["
            + target
            + "]\nproperties: [volume]\nrepresentations: [composition]\nseeds: [0]\n"
            + rows
            + "artifactDir: "
            + dir.resolve("artifacts")
            + "\n",
        "s.yaml");
  }

  @Test
  void readsTheSpecsSample() {
    PreparedDataset prepared =
        new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES)
            .prepare(spec("band_gap", "sample: 40\nsampleSeed: 3\n"));
    assertThat(prepared.materials()).isEqualTo(40);
    assertThat(prepared.graphCaches()).hasSize(1);
  }

  @Test
  void aTargetTheDatasetLacksFailsNonRetryablyBeforeItIsRead() {
    assertThatThrownBy(
            () ->
                new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                    .prepare(spec("energy_per_atom", "limit: 10\n")))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(TrainingActivities.BAD_INPUT);
            })
        .hasMessageContaining("targets 'energy_per_atom'")
        .hasMessageContaining("no 'energy_per_atom' column");
    assertThat(dir.resolve("artifacts").resolve("graphs")).doesNotExist();
  }
}
