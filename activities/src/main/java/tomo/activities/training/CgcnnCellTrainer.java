package tomo.activities.training;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.cgcnn.OptimizerKind;
import tomo.cgcnn.Trainer;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.cgcnn.TrainingDataLoader;
import tomo.cgcnn.TrainingResult;
import tomo.materials.cif.CifException;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetException;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.dataset.ReadOptions;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;
import tomo.materials.property.UnknownPropertyException;
import tomo.workflows.model.TrainingRequest;

/**
 * Trains CGCNN ({@link Trainer}) for a request: reads the dataset (kept in memory for the next
 * request of the same file and limit), loads or builds the graph cache under the artifact store,
 * trains with per-epoch checkpoints and resumes from the last one.
 */
public final class CgcnnCellTrainer implements CellTrainer {
  private static final Logger log = LoggerFactory.getLogger(CgcnnCellTrainer.class);

  private final TrainingSlots slots;
  private final PreparationListener preparation;
  private String loadedKey;
  private Dataset loaded;

  /**
   * One training at a time on the CPU.
   *
   * @param threads intra-op threads of libtorch per training (0 = every core)
   */
  public CgcnnCellTrainer(int threads) {
    this(TrainingLayout.single(threads), PreparationListener.NONE);
  }

  /**
   * @param layout the trainings this worker runs at once, each with its device and threads
   * @param preparation told how long reading the dataset and readying the graphs took
   */
  public CgcnnCellTrainer(TrainingLayout layout, PreparationListener preparation) {
    this.slots = new TrainingSlots(layout);
    this.preparation = preparation;
  }

  @Override
  public String id() {
    return "cgcnn-v1";
  }

  @Override
  public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
      throws BadInputException, InterruptedException {
    try {
      Dataset dataset = dataset(request);
      GraphMode mode = GraphMode.ofRepresentation(request.representation());
      String extra = request.property() != null ? request.property() : request.maskedProperty();
      List<String> columns = new ArrayList<>(List.of(request.target()));
      if (extra != null && !extra.equals(request.target())) {
        columns.add(extra);
      }
      TrainingData data;
      synchronized (this) {
        // one graph cache build at a time in this process; the others then reuse the file
        long graphStart = System.nanoTime();
        AtomicBoolean built = new AtomicBoolean(); // progress is reported only while building
        GraphCache cache =
            GraphCache.openOrBuild(
                dataset,
                GraphSettings.of(mode),
                Path.of(request.artifactDir()).resolve("graphs"),
                (done, total) -> built.set(true));
        data = TrainingDataLoader.fromCache(dataset, cache, GraphSettings.of(mode), columns);
        preparation.graphCacheReady(
            request.representation(),
            built.get(),
            Duration.ofNanos(System.nanoTime() - graphStart));
      }
      OptimizerKind optimizer =
          request.hyper().optimizer().toLowerCase(Locale.ROOT).equals("adam")
              ? OptimizerKind.ADAM
              : OptimizerKind.SGD;
      TrainingConfig config =
          TrainingConfig.paper(
                  request.target(), extra, mode, request.seed(), request.hyper().epochs())
              .withBatchSize(request.hyper().batchSize())
              .withOptimizer(optimizer, request.hyper().learningRate())
              .withMilestone(request.hyper().milestone())
              .withExtraMasked(request.maskedProperty() != null);
      long start = System.nanoTime();
      TrainingSlot slot = slots.acquire();
      TrainingResult result;
      try {
        Trainer trainer = new Trainer();
        if (slot.gpu().isPresent()) {
          trainer = trainer.onGpu(slot.gpu().getAsInt());
        }
        result =
            trainer.train(
                config.withThreads(slot.threads()),
                data,
                checkpointDir,
                p ->
                    listener.epochDone(
                        p.epoch(), p.trainLoss(), p.valMetric(), p.bestValMetric(), p.seconds()));
      } finally {
        slots.release(slot);
      }
      int trained = result.history().size() - result.resumedFromEpoch();
      return new TrainingRun(
          result.metric(),
          result.testMetric(),
          result.bestEpoch(),
          Math.max(0, trained),
          (System.nanoTime() - start) / 1e9,
          provenance(result, slots.layout().concurrency()));
    } catch (DatasetException | CifException | UnknownPropertyException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  private synchronized Dataset dataset(TrainingRequest request) {
    String key = request.datasetPath() + "|" + request.limit();
    if (!key.equals(loadedKey)) {
      long readStart = System.nanoTime();
      loaded =
          DatasetReader.read(
              Path.of(request.datasetPath()), ReadOptions.defaults().withLimit(request.limit()));
      preparation.datasetRead(Duration.ofNanos(System.nanoTime() - readStart));
      loadedKey = key;
      log.info(
          "dataset {}: {} materials (limit {})",
          request.datasetPath(),
          loaded.rows().size(),
          request.limit());
      if (!loaded.contentSha256().equals(request.datasetSha256())) {
        log.warn(
            "dataset {} hash {} differs from the sweep's {}: the file changed since the sweep"
                + " started",
            request.datasetPath(),
            loaded.contentSha256(),
            request.datasetSha256());
      }
    }
    return loaded;
  }

  private static Map<String, String> provenance(TrainingResult r, int concurrency) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("backend", r.backend());
    p.put("device", r.device());
    p.put("threads", Integer.toString(r.threads()));
    // trainings this worker ran at once: throughput and memory figures depend on it
    p.put("concurrency", Integer.toString(concurrency));
    p.put("allocator", r.allocator());
    p.put("djlVersion", r.djlVersion());
    p.put("libtorchVersion", r.libtorchVersion());
    p.put("graphSettings", r.graphSettingsKey());
    p.put("bestValMetric", Double.toString(r.bestValMetric()));
    p.put("referenceTestMetric", Double.toString(r.referenceTestMetric()));
    p.put(
        "trainValidationTestMaterials",
        r.trainMaterials() + "/" + r.validationMaterials() + "/" + r.testMaterials());
    p.put("droppedMissingTargetExtra", r.droppedMissingTarget() + "/" + r.droppedMissingExtra());
    p.put("trainCrystalsPerSecond", Double.toString(r.trainCrystalsPerSecond()));
    p.put("trainAtomsPerSecond", Double.toString(r.trainAtomsPerSecond()));
    p.put("resumedFromEpoch", Integer.toString(r.resumedFromEpoch()));
    return p;
  }
}
