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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.hyper.HyperParameters;
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
  private static final int PREFETCH = 3;

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

  private TrainingResult run(
      TrainingConfig config,
      PreparedData prepared,
      CgcnnNetwork net,
      WarmStart start,
      CheckpointStore store,
      ProgressListener listener,
      ExecutorService assembler,
      String deviceName) {
    HyperParameters hyper = config.hyper();
    long seed = config.task().seed();
    ParameterOptimizer optimizer =
        new ParameterOptimizer(hyper.optimizer(), hyper.momentum(), net.parameters());
    // the weights that define the model, and with the optimizer's state what a checkpoint holds
    Map<String, NDArray> model = net.weights();
    Map<String, NDArray> tensors = new LinkedHashMap<>(model);
    tensors.putAll(optimizer.state());
    // a copy of the weights at the best epoch so far
    Map<String, NDArray> best = new LinkedHashMap<>();
    model.forEach((name, t) -> best.put(name, t.duplicate()));
    boolean bestHeld = false;
    String fingerprint =
        fingerprint(config, prepared.data)
            + (start == null ? "" : " start=" + start.sha256() + "@" + start.epochOffset());
    int offset = start == null ? 0 : start.epochOffset();
    String extraProperty = config.task().extraProperty();
    boolean independent = hyper.init() == InitMode.INDEPENDENT && extraProperty != null;
    long shuffleSeed = independent ? IndependentSeed.of(seed, extraProperty) : seed;

    int startEpoch = 0;
    double bestVal = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    double bestTest = Double.NaN;
    List<EpochProgress> history = new ArrayList<>();
    Optional<Path> latest = store.latest();
    if (latest.isPresent()) {
      CheckpointState s = store.readState(latest.get());
      if (!s.fingerprint().equals(fingerprint)) {
        throw new IllegalStateException(
            "checkpoint %s belongs to another training:%n  it: %s%n  now: %s"
                .formatted(latest.get(), s.fingerprint(), fingerprint));
      }
      try (NDManager tmp = net.manager().newSubManager()) {
        store.readTensors(latest.get(), s, tensors, tmp);
        Optional<NDList> kept = CheckpointStore.readBest(latest.get(), tmp);
        if (kept.isPresent()) {
          copyNamed(kept.get(), best, latest.get(), null);
          bestHeld = true;
        }
      }
      optimizer.restoreSteps(s.optimizerSteps());
      startEpoch = s.epochsDone();
      bestVal = s.bestValMetric();
      bestEpoch = s.bestEpoch();
      bestTest = s.bestTestMetric();
      history.addAll(s.history());
      LOG.info("resuming from {} after epoch {}", latest.get(), startEpoch);
      listener.onResume(startEpoch, bestVal);
    } else if (start != null) {
      startFrom(start, net);
      LOG.info("starting from {} (epoch {} of its training)", start.weights(), offset);
    }

    // PREFETCH batches packed ahead plus the one in the step: the same buffers for the whole run
    BlockingQueue<HostBatch> free = new ArrayBlockingQueue<>(PREFETCH + 1);
    for (int i = 0; i <= PREFETCH; i++) {
      free.add(new HostBatch());
    }
    List<HostBatch> valBatches = fixedBatches(prepared, prepared.validation, hyper.batchSize());
    List<HostBatch> testBatches = fixedBatches(prepared, prepared.test, hyper.batchSize());
    double trainSeconds = 0;
    long trainCrystals = 0;
    long trainAtoms = 0;
    int epoch = startEpoch;
    for (; epoch < hyper.epochs(); epoch++) {
      if (hyper.patience() != null && epoch - bestEpoch >= hyper.patience()) {
        // checked before the epoch, so a rerun of a stopped training stops again at once
        LOG.info(
            "stopping after epoch {}: no better validation metric in {} epochs (best: epoch {})",
            epoch,
            hyper.patience(),
            bestEpoch);
        break;
      }
      long t0 = System.nanoTime();
      // a fine-tuning continues its start's batch order; its rate follows its own milestone
      int at = offset + epoch;
      double lr = hyper.learningRate() * (epoch >= hyper.milestone() ? 0.1 : 1.0);
      int[] order =
          independent
              ? shuffled(prepared.train, shuffleSeed, at)
              : shuffled(prepared.train, prepared.data.size(), seed, at);
      double loss =
          trainEpoch(prepared, net, optimizer, order, hyper.batchSize(), lr, assembler, free);
      double t1 = (System.nanoTime() - t0) / 1e9;
      if (epoch > startEpoch || hyper.epochs() - startEpoch == 1) {
        // steady state: the first epoch of a process pays for warm-up (JIT, allocator, caches)
        trainSeconds += t1;
        trainCrystals += order.length;
        trainAtoms += atoms(prepared, order);
      }
      double val = evaluate(prepared, net, valBatches);
      if (val < bestVal || bestEpoch == 0) {
        bestVal = val;
        bestEpoch = epoch + 1;
        bestTest = evaluate(prepared, net, testBatches);
        model.forEach((name, t) -> t.copyTo(best.get(name)));
        bestHeld = true;
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      EpochProgress progress =
          new EpochProgress(
              epoch + 1,
              hyper.epochs(),
              loss,
              val,
              bestVal,
              bestEpoch,
              seconds,
              t1,
              NativeMemory.residentMiB());
      history.add(progress);
      LOG.info(
          "epoch {}/{}: loss {}, validation {}, best {} (epoch {}), {} s",
          progress.epoch(),
          progress.epochs(),
          String.format("%.4f", loss),
          String.format("%.4f", val),
          String.format("%.4f", bestVal),
          bestEpoch,
          String.format("%.1f", seconds));
      store.write(
          new CheckpointState(
              fingerprint,
              epoch + 1,
              bestVal,
              bestEpoch,
              bestTest,
              optimizer.steps(),
              seed,
              prepared.targetScaler,
              prepared.extraScaler,
              history,
              List.copyOf(tensors.keySet())),
          tensors,
          bestHeld ? best : null);
      listener.onEpoch(progress);
    }

    Engine engine = Engine.getEngine("PyTorch");
    return new TrainingResult(
        config,
        new TrainingMetrics(
            prepared.target.categorical() ? "error_rate" : "mae",
            bestEpoch,
            bestVal,
            bestTest,
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
            trainSeconds > 0 ? trainCrystals / trainSeconds : Double.NaN,
            trainSeconds > 0 ? trainAtoms / trainSeconds : Double.NaN,
            deviceName.startsWith("gpu") ? "CUDA" : "CPU",
            deviceName,
            JniUtils.getNumThreads(),
            Engine.getDjlVersion(),
            engine.getVersion(),
            NativeMemory.allocator()),
        history,
        startEpoch,
        epoch < hyper.epochs(),
        epoch);
  }

  /**
   * Sets every parameter and batch-norm statistic of {@code net} to the weights {@code start}
   * names, the extra input's weights (which those weights lack) to zero.
   */
  static void startFrom(WarmStart start, CgcnnNetwork net) {
    Map<String, NDArray> model = net.weights();
    try (NDManager tmp = net.manager().newSubManager()) {
      copyNamed(
          CheckpointStore.readNamed(start.weights(), tmp),
          model,
          start.weights(),
          CgcnnNetwork.EXTRA_WEIGHT);
    }
  }

  /**
   * Copies the named tensors of {@code from} into {@code into}: every tensor of {@code into} must
   * be there with its shape and type, except {@code zeroIfAbsent} (set to zero when absent), and no
   * other.
   */
  private static void copyNamed(
      NDList from, Map<String, NDArray> into, Path file, String zeroIfAbsent) {
    Map<String, NDArray> byName = new LinkedHashMap<>();
    for (NDArray t : from) {
      byName.put(t.getName(), t);
    }
    if (!into.keySet().containsAll(byName.keySet())) {
      throw new IllegalStateException(
          "weights %s hold tensors %s, the network has %s"
              .formatted(file, byName.keySet(), into.keySet()));
    }
    for (Map.Entry<String, NDArray> e : into.entrySet()) {
      NDArray source = byName.get(e.getKey());
      NDArray target = e.getValue();
      if (source == null && e.getKey().equals(zeroIfAbsent)) {
        target.set(new byte[Math.toIntExact(target.size() * target.getDataType().getNumOfBytes())]);
        continue;
      }
      if (source == null
          || !source.getShape().equals(target.getShape())
          || source.getDataType() != target.getDataType()) {
        throw new IllegalStateException(
            "weights %s: tensor %s is %s, the network's is %s %s"
                .formatted(
                    file,
                    e.getKey(),
                    source == null ? "missing" : source.getDataType() + " " + source.getShape(),
                    target.getDataType(),
                    target.getShape()));
      }
      target.set(source.toByteBuffer());
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

  /** Atoms in the crystals of {@code rows}: crystals differ 200-fold in size, so atoms/s too. */
  private static long atoms(PreparedData prepared, int[] rows) {
    long n = 0;
    for (int r : rows) {
      n += prepared.data.graphs().get(r).nodeCount();
    }
    return n;
  }

  /**
   * Epoch {@code epoch}'s order of the training rows: one permutation of all {@code size} materials
   * from (seed, epoch), cut to {@code rows}. A training that lacks some rows (no extra value) so
   * visits the others in its baseline's order.
   */
  static int[] shuffled(int[] rows, int size, long seed, int epoch) {
    boolean[] kept = new boolean[size];
    for (int r : rows) {
      kept[r] = true;
    }
    int[] p = DataSplit.permutation(size, new SplittableRandom(seed * 1_000_003L + epoch));
    int[] out = new int[rows.length];
    int k = 0;
    for (int r : p) {
      if (kept[r]) {
        out[k++] = r;
      }
    }
    return out;
  }

  /**
   * The order of an {@link InitMode#INDEPENDENT} network (the paper's code, and tomo before tight
   * pairs): a permutation of the kept rows from its own (seed, epoch).
   */
  static int[] shuffled(int[] rows, long seed, int epoch) {
    int[] p = DataSplit.permutation(rows.length, new SplittableRandom(seed * 1_000_003L + epoch));
    int[] out = new int[rows.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = rows[p[i]];
    }
    return out;
  }

  private static List<HostBatch> fixedBatches(PreparedData prepared, int[] rows, int batchSize) {
    List<HostBatch> batches = new ArrayList<>();
    for (int from = 0; from < rows.length; from += batchSize) {
      batches.add(prepared.batch(rows, from, Math.min(rows.length, from + batchSize)));
    }
    return batches;
  }

  /** One epoch of updates; returns the mean training loss. Batches are packed on another thread. */
  private double trainEpoch(
      PreparedData prepared,
      CgcnnNetwork net,
      ParameterOptimizer optimizer,
      int[] order,
      int batchSize,
      double lr,
      ExecutorService assembler,
      BlockingQueue<HostBatch> free) {
    Deque<Future<HostBatch>> queue = new ArrayDeque<>();
    int next = 0;
    double lossSum = 0;
    long seen = 0;
    while (next < order.length || !queue.isEmpty()) {
      while (next < order.length && queue.size() < PREFETCH) {
        int from = next;
        int to = Math.min(order.length, from + batchSize);
        HostBatch into = free.remove();
        queue.add(assembler.submit(() -> prepared.pack(order, from, to, into)));
        next = to;
      }
      HostBatch batch = take(queue.poll());
      if (batch.atoms() >= 2) { // batch norm needs two values per channel (a final one-atom batch)
        lossSum += step(prepared, net, optimizer, batch, lr) * batch.crystals();
        seen += batch.crystals();
      }
      free.add(batch); // the step's tensors are closed: the buffers may be refilled
    }
    return seen == 0 ? Double.NaN : lossSum / seen;
  }

  private static HostBatch take(Future<HostBatch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while packing a batch", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("packing a batch failed: " + e.getCause(), e.getCause());
    }
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
