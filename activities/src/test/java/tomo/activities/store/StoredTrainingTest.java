package tomo.activities.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.HyperParameters;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingRequest;

class StoredTrainingTest {
  @TempDir Path dir;

  /** A result file as the store wrote it before provenance and learning curves were kept. */
  private static final String OLD_FILE =
      """
      {
        "contentHash" : "abcdef0123",
        "trainer" : "cgcnn-v1",
        "request" : {
          "datasetPath" : "data.csv.gz",
          "datasetSha256" : "0f1e",
          "target" : "band_gap",
          "property" : "density",
          "maskedProperty" : null,
          "representation" : "structure",
          "seed" : 1,
          "hyper" : {
            "epochs" : 3,
            "batchSize" : 256,
            "optimizer" : "sgd",
            "learningRate" : 0.01,
            "momentum" : 0.9,
            "milestone" : 100
          },
          "limit" : 300,
          "artifactDir" : "/tmp/a"
        },
        "outcome" : {
          "target" : "band_gap",
          "property" : "density",
          "representation" : "structure",
          "seed" : 1,
          "metric" : "mae",
          "testMetric" : 0.61,
          "bestEpoch" : 3,
          "artifactPath" : "trainings/ab/abcdef0123.json"
        },
        "epochs" : 3,
        "trainSeconds" : 12.5,
        "finishedAt" : "2026-11-30T10:00:00Z"
      }
      """;

  @Test
  void aFileWrittenBeforeCurvesWereKeptLoadsWithAnEmptyCurve() throws Exception {
    ArtifactStore store = new ArtifactStore(dir);
    Path file = store.resultFile("abcdef0123");
    Files.createDirectories(file.getParent());
    Files.writeString(file, OLD_FILE);

    StoredTraining old = store.find("abcdef0123").orElseThrow();

    assertThat(old.outcome().testMetric()).isEqualTo(0.61);
    assertThat(old.provenance()).isEmpty();
    assertThat(old.history()).isEmpty();
  }

  @Test
  void theLearningCurveSurvivesTheStore() {
    ArtifactStore store = new ArtifactStore(dir);
    TrainingRequest request =
        TrainingRequest.builder()
            .dataset("data.csv.gz", "0f1e")
            .cell(new CellKey("band_gap", null, Representation.COMPOSITION, 2))
            .hyper(HyperParameters.builder().epochs(2).build())
            .artifactDir(dir.toString())
            .build();
    List<EpochPoint> curve = List.of(new EpochPoint(1, 0.9, 0.7), new EpochPoint(2, 0.5, 0.6));
    StoredTraining training =
        new StoredTraining(
            "0123456789",
            "cgcnn-v1",
            request,
            new TrainingOutcome(
                "band_gap", null, Representation.COMPOSITION, 2, "mae", 0.6, 2, "x.json"),
            2,
            3.0,
            "2026-12-01T00:00:00Z",
            Optional.of(
                new RunProvenance(
                    new RunEnvironment("CPU", "cpu()", 2, 1, "glibc", "0.33.0", "2.5.1"),
                    new RunData("graphs-v1", 6, 2, 2, 0, 0, 0),
                    new RunFigures(0.6, 1.1, 50.0, 400.0, 0, false, 2),
                    Optional.empty())),
            curve);
    store.save(training);

    assertThat(store.find("0123456789").orElseThrow()).isEqualTo(training);
  }
}
