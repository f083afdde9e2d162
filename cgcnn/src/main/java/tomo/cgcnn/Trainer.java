package tomo.cgcnn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.hyper.InitMode;

/**
 * Trains CGCNN on DJL's PyTorch engine: split, standardization, SGD or Adam with a step learning
 * rate, best-validation model selection (optionally stopping after a patience), a checkpoint after
 * every epoch and resumption from the newest checkpoint. Nothing of the engine shows in its
 * signature.
 *
 * <p>Determinism: the split, initial weights and every epoch's shuffle derive from the seed alone.
 * With one intra-op thread, libtorch's CPU kernels reduce in a fixed order, so a rerun with the
 * same seed gives bit-identical results, and so does a run resumed from any checkpoint. With more
 * threads (or on a GPU, whose scatter-add backward uses atomics) reruns differ in the last bits.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final DataType dtype;
  private final int gpu;

  /** A float32 trainer (the engine's fast path). */
  public Trainer() {
    this(DataType.FLOAT32);
  }

  Trainer(DataType dtype) {
    this(dtype, -1);
  }

  private Trainer(DataType dtype, int gpu) {
    this.dtype = dtype;
    this.gpu = gpu;
  }

  /**
   * A trainer that puts every tensor on CUDA device {@code id}, whatever the configuration's {@code
   * useGpu} says; a worker with several trainings per GPU pins each to its device this way.
   */
  public Trainer onGpu(int id) {
    if (id < 0) {
      throw new IllegalArgumentException("GPU id must be >= 0, got " + id);
    }
    return new Trainer(dtype, id);
  }

  private Device device(TrainingConfig config, Engine engine) {
    if (gpu >= 0) {
      if (gpu >= engine.getGpuCount()) {
        throw new IllegalStateException(
            "training asked for GPU %d, but the engine sees %d GPU(s) (is this the -Pcuda build?)"
                .formatted(gpu, engine.getGpuCount()));
      }
      return Device.gpu(gpu);
    }
    return config.runtime().useGpu() && engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /**
   * Trains (or resumes) one model.
   *
   * @param checkpointDir where checkpoints go; when it already holds one of the same training, the
   *     run continues after its epoch
   * @param listener told after every epoch, after the checkpoint is written
   */
  public TrainingResult train(
      TrainingConfig config, TrainingData data, Path checkpointDir, ProgressListener listener) {
    return train(config, data, checkpointDir, null, listener);
  }

  /**
   * Trains (or resumes) one model that starts from another training's best weights: a fine-tuning.
   * Every tensor of the network comes from {@code start}, except the weights of an extra input the
   * started-from network did not have, which start at zero, so that at step 0 the network computes
   * exactly the function of the weights it starts from. Its epochs continue the started-from
   * training's batch order (epoch e visits the batches of that training's epoch {@code
   * start.epochOffset() + e}); its learning rate follows the configuration's milestone, counted
   * from its own first epoch.
   *
   * @param start the weights to start from; null: a training from its seed's initial weights
   */
  public TrainingResult train(
      TrainingConfig config,
      TrainingData data,
      Path checkpointDir,
      WarmStart start,
      ProgressListener listener) {
    Engine engine = Engine.getEngine("PyTorch");
    // libtorch's autograd mode is per thread and on by default; DJL switches it off only on the
    // thread that loaded the engine, and its gradient collector restores whatever it found. A
    // worker trains on any thread, so switch it off here: autograd then records only inside the
    // collector, and the optimizer's in-place updates of the parameters are not recorded.
    JniUtils.setGradMode(false);
    if (config.runtime().threads() > 0) {
      // libtorch's OpenMP thread count is per thread (libgomp keeps it in the calling thread's
      // ICV), but a thread's first parallel kernel re-applies the process-wide count last set by
      // any thread. Reading the count first consumes that one-time initialisation, so trainings on
      // other threads keep their own counts (ConcurrentTrainingTest checks it).
      JniUtils.getNumThreads();
      JniUtils.setNumThreads(config.runtime().threads());
    }
    PreparedData prepared = new PreparedData(data, config.task(), config.hyper().scaling());
    Device device = device(config, engine);
    String deviceName =
        device.isGpu()
            ? device + " compute capability " + CudaUtils.getComputeCapability(device.getDeviceId())
            : device.toString();
    LOG.info(
        "training {} (extra {}) on {} ({} malloc): {} train / {} validation / {} test materials,"
            + " {} dropped",
        config.task().target(),
        config.task().extraProperty(),
        deviceName,
        NativeMemory.allocator(),
        prepared.train.length,
        prepared.validation.length,
        prepared.test.length,
        prepared.droppedMissingTarget + prepared.droppedMissingExtra + prepared.droppedIncomplete);
    ExecutorService assembler =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "cgcnn-batches");
              t.setDaemon(true);
              return t;
            });
    try (NDManager root = engine.newBaseManager(device);
        CgcnnNetwork net = network(prepared, config, root)) {
      return run(
          config,
          prepared,
          net,
          start,
          new CheckpointStore(checkpointDir),
          listener,
          assembler,
          deviceName);
    } finally {
      assembler.shutdownNow();
    }
  }

  CgcnnNetwork network(PreparedData prepared, TrainingConfig config, NDManager root) {
    var e = prepared.data.expansion();
    double[] centers = new double[e.dimension()];
    for (int k = 0; k < centers.length; k++) {
      centers[k] = e.minAngstrom() + k * e.stepAngstrom();
    }
    return new CgcnnNetwork(
        root,
        dtype,
        config.shape(),
        prepared.nodeTable,
        centers,
        e.widthAngstrom(),
        prepared.extraWidth,
        prepared.outputWidth(),
        config.task().seed(),
        config.task().extraProperty(),
        config.hyper().init(),
        config.hyper().extraGain());
  }

  /** One run: where it starts, its epochs, and what it found. */
  private TrainingResult run(
      TrainingConfig config,
      PreparedData prepared,
      CgcnnNetwork net,
      WarmStart start,
      CheckpointStore store,
      ProgressListener listener,
      ExecutorService assembler,
      String deviceName) {
    ParameterOptimizer optimizer =
        new ParameterOptimizer(
            config.hyper().optimizer(), config.hyper().momentum(), net.parameters());
    String fingerprint =
        fingerprint(config, prepared.data)
            + (start == null ? "" : " start=" + start.sha256() + "@" + start.epochOffset());
    TrainingState state = new TrainingState(net, optimizer, fingerprint);
    int startEpoch = begin(state, store, net, start, listener);
    Throughput throughput = new Throughput(startEpoch, config.hyper().epochs(), prepared);
    int epochsRun =
        new EpochLoop(this, config, prepared, net, optimizer, state, store, assembler)
            .run(startEpoch, BatchOrder.of(config, prepared, start), throughput, listener);
    return result(config, prepared, state, startEpoch, epochsRun, throughput, deviceName);
  }

  /**
   * Where a run starts: after the newest checkpoint of the same training, else from the warm start,
   * else from the seed's weights; returns the epochs already done.
   */
  private static int begin(
      TrainingState state,
      CheckpointStore store,
      CgcnnNetwork net,
      WarmStart start,
      ProgressListener listener) {
    Optional<TrainingState.Resumed> resumed = state.resume(store, net.manager());
    if (resumed.isPresent()) {
      int epochsDone = resumed.get().epochsDone();
      LOG.info("resuming from {} after epoch {}", resumed.get().checkpoint(), epochsDone);
      listener.onResume(epochsDone, state.best().valMetric());
      return epochsDone;
    }
    if (start != null) {
      startFrom(start, net);
      LOG.info("starting from {} (epoch {} of its training)", start.weights(), start.epochOffset());
    }
    return 0;
  }

  private static TrainingResult result(
      TrainingConfig config,
      PreparedData prepared,
      TrainingState state,
      int startEpoch,
      int epochsRun,
      Throughput throughput,
      String deviceName) {
    Engine engine = Engine.getEngine("PyTorch");
    BestEpoch best = state.best();
    return new TrainingResult(
        config,
        new TrainingMetrics(
            prepared.target.categorical() ? "error_rate" : "mae",
            best.epoch(),
            best.valMetric(),
            best.testMetric(),
            referenceMetric(prepared)),
        new TrainingSplit(
            prepared.train.length,
            prepared.validation.length,
            prepared.test.length,
            prepared.droppedMissingTarget,
            prepared.droppedMissingExtra,
            prepared.droppedIncomplete),
        new DataProvenance(
            prepared.data.datasetSha256(),
            prepared.data.graphSettingsKey(),
            prepared.targetScaler,
            prepared.extraScaler),
        new TrainingEnvironment(
            throughput.crystalsPerSecond(),
            throughput.atomsPerSecond(),
            deviceName.startsWith("gpu") ? "CUDA" : "CPU",
            deviceName,
            JniUtils.getNumThreads(),
            Engine.getDjlVersion(),
            engine.getVersion(),
            NativeMemory.allocator()),
        state.history(),
        startEpoch,
        epochsRun < config.hyper().epochs(),
        epochsRun);
  }

  /**
   * Sets every parameter and batch-norm statistic of {@code net} to the weights {@code start}
   * names, the extra input's weights (which those weights lack) to zero.
   */
  static void startFrom(WarmStart start, CgcnnNetwork net) {
    Map<String, NDArray> model = net.weights();
    try (NDManager tmp = net.manager().newSubManager()) {
      CheckpointStore.copyNamed(
          CheckpointStore.readNamed(start.weights(), tmp),
          model,
          start.weights(),
          CgcnnNetwork.EXTRA_WEIGHT);
    }
  }

  /**
   * What a checkpoint must have been trained on to be resumed: the configuration's resume identity
   * (task and hyper-parameters, not epochs, patience, threads or device), the init scheme (named
   * "tight-zero" since the first tight scheme, which changed the baseline's shuffle too), the extra
   * input's gain and the data. The text of a default training is that of versions before the init
   * and the gain were configuration.
   */
  static String fingerprint(TrainingConfig config, TrainingData data) {
    String extra = config.task().extraProperty();
    int extraWidth =
        extra == null || !data.column(extra).categorical()
            ? 1
            : data.column(extra).classes().size();
    return config.resumeIdentity()
        + " init="
        + (config.hyper().init() == InitMode.TIGHT ? "tight-zero" : config.hyper().init().label())
        + " extraGain="
        + config.hyper().extraGain().columnFactor(config.shape().atomFeatures(), extraWidth)
        + " data="
        + data.datasetSha256()
        + "/"
        + data.graphSettingsKey()
        + "/"
        + data.size();
  }

  /** Forward, backward and update on one batch; returns the loss. */
  double step(
      PreparedData prepared,
      CgcnnNetwork net,
      ParameterOptimizer optimizer,
      HostBatch batch,
      double lr) {
    double loss;
    try (NDManager step = net.manager().newSubManager()) {
      int m = prepared.data.maxNeighbors();
      NDList in = net.upload(batch, step, m);
      NDArray label = label(prepared, net, batch, step);
      try (GradientRecording recording = new GradientRecording()) {
        NDArray out = net.forward(in, batch.crystals(), m, true, step);
        NDArray l = loss(prepared, net, out, label);
        recording.backward(l);
        loss = l.toType(DataType.FLOAT64, false).getDouble();
      }
      optimizer.step(lr);
    }
    return loss;
  }

  static NDArray label(PreparedData prepared, CgcnnNetwork net, HostBatch batch, NDManager step) {
    NDArray label = CgcnnNetwork.tensor(step, batch.label(), DataType.FLOAT64, batch.crystals());
    return label.toType(prepared.target.categorical() ? DataType.INT64 : net.dtype(), false);
  }

  /** MSE of the standardized target, or the mean negative log-likelihood of the true class. */
  static NDArray loss(PreparedData prepared, CgcnnNetwork net, NDArray out, NDArray label) {
    long b = out.getShape().get(0);
    if (prepared.target.categorical()) {
      NDArray truth = label.oneHot(net.outputWidth(), net.dtype());
      return out.logSoftmax(1).mul(truth).sum().div(-b);
    }
    return out.reshape(b).sub(label).square().mean();
  }

  /** Validation/test metric: MAE in the target's unit, or the error rate. */
  double evaluate(PreparedData prepared, CgcnnNetwork net, List<HostBatch> batches) {
    double sum = 0;
    long n = 0;
    int m = prepared.data.maxNeighbors();
    for (HostBatch batch : batches) {
      try (NDManager step = net.manager().newSubManager()) {
        NDList in = net.upload(batch, step, m);
        NDArray out = net.forward(in, batch.crystals(), m, false, step);
        if (prepared.target.categorical()) {
          long[] predicted = out.argMax(1).toLongArray();
          for (int i = 0; i < predicted.length; i++) {
            sum += predicted[i] == (long) batch.raw(i) ? 0 : 1;
          }
        } else {
          double[] z = out.toType(DataType.FLOAT64, false).toDoubleArray();
          for (int i = 0; i < z.length; i++) {
            sum += Math.abs(prepared.targetScaler.invert(z[i]) - batch.raw(i));
          }
        }
        n += batch.crystals();
      }
    }
    return sum / n;
  }

  /** Test metric of predicting the training mean (numeric) or the majority class. */
  static double referenceMetric(PreparedData prepared) {
    double[] y = prepared.target.values();
    if (prepared.target.categorical()) {
      int[] counts = new int[prepared.target.classes().size()];
      for (int r : prepared.train) {
        counts[(int) y[r]]++;
      }
      int majority = 0;
      for (int c = 1; c < counts.length; c++) {
        if (counts[c] > counts[majority]) {
          majority = c;
        }
      }
      int wrong = 0;
      for (int r : prepared.test) {
        wrong += (int) y[r] == majority ? 0 : 1;
      }
      return (double) wrong / prepared.test.length;
    }
    double mean = prepared.targetScaler.mean();
    double sum = 0;
    for (int r : prepared.test) {
      sum += Math.abs(y[r] - mean);
    }
    return sum / prepared.test.length;
  }
}
