package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.ArtifactStore;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class ReportDetailsStoreTest {
  @TempDir Path dir;

  @Test
  void anUnreadableResultFileCostsItsCurveAndIsNamed() throws Exception {
    Path result = dir.resolve("trainings/ab/abc.json");
    Files.createDirectories(result.getParent());
    Files.writeString(result, "{ not json");
    TrainingOutcome broken =
        new TrainingOutcome(
            "band_gap", null, Representation.STRUCTURE, 1, "mae", 0.5, 2, "trainings/ab/abc.json");

    ReportDetails details = ReportDetailsStore.read(new ArtifactStore(dir), List.of(broken));

    assertThat(details.curves()).isEmpty();
    assertThat(details.warnings())
        .singleElement()
        .asString()
        .startsWith("1 of 1 trainings' result files could not be read")
        .contains(result.toString());
  }
}
