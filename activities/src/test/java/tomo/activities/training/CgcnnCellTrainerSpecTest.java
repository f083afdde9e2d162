package tomo.activities.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.RunData;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.Rows;
import tomo.workflows.model.TrainingRequest;

/**
 * What a sweep's spec says is what CGCNN trains: its sample of the dataset and its momentum (the
 * trainer once ignored the request's momentum and always used 0.9). Tiny real trainings on the
 * shared dataset, one thread.
 */
class CgcnnCellTrainerSpecTest {
  @TempDir Path dir;

  private TrainingRequest request(double momentum, int sample, long sampleSeed) {
    return TrainingRequest.builder()
        .dataset(DatasetLocation.resolve(null).toString(), "unchecked")
        .cell(new CellKey("band_gap", null, Representation.COMPOSITION, 1))
        .hyper(HyperParameters.builder().epochs(2).batchSize(16).momentum(momentum).build())
        .artifactDir(dir.resolve("artifacts").toString())
        .rows(Rows.of(0, sample, sampleSeed))
        .build();
  }

  private TrainingRun train(CgcnnCellTrainer trainer, TrainingRequest r, String name)
      throws Exception {
    // as the training activity does: the request names the hash of the data the trainer reads
    TrainingRequest checked = r.withDatasetSha256(trainer.datasetSha256(r));
    return trainer.train(checked, dir.resolve(name), (epoch, val, best, seconds) -> {});
  }

  @Test
  void trainsTheSpecsSampleWithTheSpecsMomentum() throws Exception {
    CgcnnCellTrainer trainer = new CgcnnCellTrainer(1);
    TrainingRun paper = train(trainer, request(0.9, 50, 7), "a");
    TrainingRun noMomentum = train(trainer, request(0.0, 50, 7), "b");
    TrainingRun otherSample = train(trainer, request(0.9, 50, 8), "c");

    RunData split = paper.provenance().orElseThrow().data();
    assertThat(List.of(split.trainMaterials(), split.validationMaterials(), split.testMaterials()))
        .containsExactly(30, 10, 10);
    assertThat(noMomentum.testMetric()).isNotEqualTo(paper.testMetric());
    // the in-memory dataset is keyed by the sample: another seed is other materials
    assertThat(otherSample.testMetric()).isNotEqualTo(paper.testMetric());
    assertThat(train(trainer, request(0.9, 50, 7), "d").testMetric()).isEqualTo(paper.testMetric());
  }
}
