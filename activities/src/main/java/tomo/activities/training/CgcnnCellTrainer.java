package tomo.activities.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.dataset.DatasetRows;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.EpochPoint;
import tomo.activities.store.RunData;
import tomo.activities.store.RunEnvironment;
import tomo.activities.store.RunFigures;
import tomo.activities.store.RunProvenance;
import tomo.activities.store.StartWeights;
import tomo.cgcnn.EpochProgress;
import tomo.cgcnn.ProgressListener;
import tomo.cgcnn.Trainer;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.cgcnn.TrainingDataException;
import tomo.cgcnn.TrainingDataLoader;
import tomo.cgcnn.TrainingEnvironment;
import tomo.cgcnn.TrainingResult;
import tomo.cgcnn.TrainingSplit;
import tomo.cgcnn.WarmStart;
import tomo.materials.cif.CifException;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.DatasetException;
import tomo.materials.dataset.DatasetReader;
import tomo.materials.graph.GraphCache;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;
import tomo.materials.io.AtomicFiles;
import tomo.materials.property.UnknownPropertyException;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.RowSelection;
import tomo.workflows.model.Rows;
import tomo.workflows.model.TrainingRequest;

/**
 * Trains CGCNN ({@link Trainer}) for a request: reads the dataset (kept in memory for the next
 * request of the same file and limit while the file is unchanged), loads or builds the graph cache
 * under the artifact store, trains with per-epoch checkpoints and resumes from the last one.
 */
public final class CgcnnCellTrainer implements CellTrainer {
  private static final Logger log = LoggerFactory.getLogger(CgcnnCellTrainer.class);

  /**
   * Name and version, part of every content hash of its results. v2: tight (baseline, augmented)
   * pairs changed the init of augmented trainings and every training's batch order, and the extra
   * input enters with a gain, so results stored by v1 must not pair with new ones. v3: the init and
   * the gain became request fields, and the automatic gain of a categorical extra property is
   * √64/√d per column of its d-column one-hot block instead of 8 (tomo.hyper.ExtraGain), so a
   * categorical cell stored by v2 is another network.
   */
  public static final String ID = "cgcnn-v3";

  private final TrainingSlots slots;
  private final Object startLock = new Object();
  private final PreparationListener preparation;
  private LoadedKey loadedKey;
  private FileStamp loadedStamp;
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
    return ID;
  }

  @Override
  public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
      throws BadInputException, InterruptedException {
    // spec errors first: they need no data
    GraphMode mode = GraphModes.of(request.representation());
    String extra = request.property() != null ? request.property() : request.maskedProperty();
    TrainingConfig config = config(request, extra, mode);
    WarmStart warmStart = request.isFinetune() ? start(request) : null;
    try {
      Dataset dataset = dataset(request);
      if (!dataset.contentSha256().equals(request.datasetSha256())) {
        // the file changed between the activity asking which data this is and now: a retry asks
        // again, so the stored result always names the data it was trained on
        throw new IllegalStateException(
            "dataset %s changed while %s started (sha256 %s, the request names %s)"
                .formatted(
                    request.datasetPath(),
                    request.cell().label(),
                    dataset.contentSha256(),
                    request.datasetSha256()));
      }
      List<String> columns = new ArrayList<>(List.of(request.target()));
      if (extra != null && !extra.equals(request.target())) {
        columns.add(extra);
      }
      request.completeOver().stream().filter(n -> !columns.contains(n)).forEach(columns::add);
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
            request.representation().label(),
            built.get(),
            Duration.ofNanos(System.nanoTime() - graphStart));
      }
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
                config.withRuntime(config.runtime().withThreads(slot.threads())),
                data,
                checkpointDir,
                warmStart,
                new ProgressListener() {
                  @Override
                  public void onEpoch(EpochProgress p) {
                    listener.epochDone(
                        p.epoch(), p.trainLoss(), p.valMetric(), p.bestValMetric(), p.seconds());
                  }

                  @Override
                  public void onResume(int epochsDone, double bestValMetric) {
                    listener.resumed(epochsDone, bestValMetric);
                  }
                });
      } finally {
        slots.release(slot);
      }
      int trained = result.history().size() - result.resumedFromEpoch();
      return new TrainingRun(
          result.metrics().metric(),
          result.metrics().testMetric(),
          result.metrics().bestEpoch(),
          Math.max(0, trained),
          (System.nanoTime() - start) / 1e9,
          Optional.of(provenance(result, slots.layout().concurrency(), warmStart)),
          result.history().stream()
              .map(p -> new EpochPoint(p.epoch(), p.trainLoss(), p.valMetric()))
              .toList());
    } catch (DatasetException | CifException | UnknownPropertyException e) {
      throw new BadInputException(e.getMessage());
    } catch (TrainingDataException e) {
      throw new BadInputException(
          "dataset %s%s: %s"
              .formatted(
                  request.datasetPath(),
                  request.selection().rows() instanceof Rows.First first
                      ? " (" + first.describe() + ")"
                      : "",
                  e.getMessage()));
    }
  }

  /**
   * Where a fine-tuning starts: the best weights of its baseline trained in full, found by that
   * baseline's content hash in the artifact store (so any worker finds them). When they are not
   * there (checkpoints removed, or written before best weights were kept) the baseline is trained
   * again into its checkpoint folder first, never replaced by another start: the weights' hash is
   * recorded with every fine-tuning, and a report compares a cell with its control only when both
   * started from the same weights.
   */
  private WarmStart start(TrainingRequest request) throws BadInputException, InterruptedException {
    synchronized (startLock) { // one retraining of a baseline at a time in this process
      return startOf(request);
    }
  }

  private WarmStart startOf(TrainingRequest request)
      throws BadInputException, InterruptedException {
    TrainingRequest pretrain = request.pretrain();
    Path dir =
        new ArtifactStore(Path.of(request.artifactDir()))
            .checkpointDir(ContentHash.of(pretrain, ID));
    int epochs = pretrain.hyper().epochs();
    Optional<WarmStart> found = WarmStart.of(dir, epochs);
    if (found.isPresent()) {
      return found.get();
    }
    log.warn(
        "{}: the best weights of its baseline are not in {}: training that baseline again first",
        request.cell().label(),
        dir);
    try {
      AtomicFiles.deleteTree(
          dir); // a finished checkpoint without best weights would resume as done
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
    }
    train(pretrain, dir, (epoch, val, best, seconds) -> {}); // the activity heartbeats meanwhile
    return WarmStart.of(dir, epochs)
        .orElseThrow(
            () -> new IllegalStateException("baseline retrained into " + dir + " left no weights"));
  }

  @Override
  public String datasetSha256(TrainingRequest request) throws BadInputException {
    try {
      return dataset(request).contentSha256();
    } catch (DatasetException | CifException e) {
      throw new BadInputException(e.getMessage());
    }
  }

  /** The trainer's configuration; hyper-parameters it refuses are spec errors, not retried. */
  private TrainingConfig config(TrainingRequest request, String extra, GraphMode mode)
      throws BadInputException {
    try {
      return TrainingConfig.paper(
              request.target(), extra, mode, request.seed(), request.epochsToTrain())
          .toBuilder()
          // the request's hyper-parameters over the epochs this training trains (a fine-tuning's
          // own F, which a training's configuration does not name apart)
          .hyper(
              request.hyper().toBuilder()
                  .epochs(request.epochsToTrain())
                  .finetuneEpochs(null)
                  .build())
          // a fine-tuning runs tomo's schedule over its own epochs: the full rate for the first
          // half (the zero extra weights must learn), ×0.1 for the rest
          .milestone(
              request.isFinetune()
                  ? Protocol.TOMO.milestone(request.epochsToTrain())
                  : request.hyper().milestone())
          .extraMasked(request.maskedProperty() != null)
          .completeOver(
              request.completeOver().stream()
                  .filter(n -> !n.equals(request.target()) && !n.equals(extra))
                  .toList())
          .build();
    } catch (IllegalArgumentException e) {
      throw new BadInputException("sweep spec hyper-parameters: " + e.getMessage());
    }
  }

  /** What the dataset kept in memory was read as: its file and the rows read. */
  private record LoadedKey(String path, RowSelection selection) {}

  /**
   * The request's dataset, read once and kept for the next request of the same file and options —
   * unless the file changed since (fixed in place, or replaced): size, modification time and file
   * identity are compared on every request, which costs one stat, so a retry after a fix trains on
   * the fixed file without a worker restart.
   */
  private synchronized Dataset dataset(TrainingRequest request) {
    Path file = Path.of(request.datasetPath());
    LoadedKey key = new LoadedKey(request.datasetPath(), request.selection());
    FileStamp stamp = FileStamp.of(file);
    if (!key.equals(loadedKey) || !stamp.equals(loadedStamp)) {
      if (key.equals(loadedKey)) {
        log.info("dataset {} changed on disk since it was read: reading it again", file);
      }
      long readStart = System.nanoTime();
      loaded = DatasetReader.read(file, DatasetRows.readOptions(request.selection()));
      preparation.datasetRead(Duration.ofNanos(System.nanoTime() - readStart));
      loadedKey = key;
      loadedStamp = stamp;
      log.info(
          "dataset {}: {} materials ({}), sha256 {}",
          request.datasetPath(),
          loaded.rows().size(),
          request.selection().rows().describe(),
          loaded.contentSha256());
    }
    return loaded;
  }

  /**
   * What a stat says of a file: equal stamps mean the file was not rewritten (a rewrite within the
   * file system's time resolution that keeps the size is the one change this misses).
   */
  private record FileStamp(long size, FileTime modified, Object fileKey) {
    static FileStamp of(Path file) {
      try {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return new FileStamp(a.size(), a.lastModifiedTime(), a.fileKey());
      } catch (NoSuchFileException e) {
        throw new DatasetException(file, 0, "-", "file does not exist");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot stat dataset " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static RunProvenance provenance(TrainingResult r, int concurrency, WarmStart start) {
    TrainingEnvironment env = r.environment();
    TrainingSplit split = r.split();
    return new RunProvenance(
        new RunEnvironment(
            env.backend(),
            env.device(),
            env.threads(),
            // trainings this worker ran at once: throughput and memory figures depend on it
            concurrency,
            env.allocator(),
            env.djlVersion(),
            env.libtorchVersion()),
        new RunData(
            r.data().graphSettingsKey(),
            split.trainMaterials(),
            split.validationMaterials(),
            split.testMaterials(),
            split.droppedMissingTarget(),
            split.droppedMissingExtra(),
            split.droppedIncomplete()),
        new RunFigures(
            r.metrics().bestValMetric(),
            r.metrics().referenceTestMetric(),
            env.trainCrystalsPerSecond(),
            env.trainAtomsPerSecond(),
            r.resumedFromEpoch(),
            r.stoppedEarly(),
            r.epochsRun()),
        // which weights a fine-tuning started from: a cell and its control must name the same
        Optional.ofNullable(start).map(w -> new StartWeights(w.sha256(), w.epochOffset())));
  }
}
