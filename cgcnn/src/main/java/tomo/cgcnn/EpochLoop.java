package tomo.cgcnn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The epochs of one training run: each trains on its batches in the epoch's order (packed ahead on
 * another thread), scores the validation set, keeps the best epoch, writes a checkpoint and tells
 * the listener; the loop ends after the configured epochs or at an early stop.
 */
final class EpochLoop {
  // under the trainer's name, beside the training's other lines
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
  private static final int PREFETCH = 3;

  private final Trainer trainer;
  private final TrainingConfig config;
  private final PreparedData prepared;
  private final CgcnnNetwork net;
  private final ParameterOptimizer optimizer;
  private final TrainingState state;
  private final CheckpointStore store;
  private final ExecutorService assembler;
  // PREFETCH batches packed ahead plus the one in the step: the same buffers for the whole run
  private final BlockingQueue<HostBatch> free = new ArrayBlockingQueue<>(PREFETCH + 1);

  /**
   * @param trainer whose steps and evaluation the loop runs
   * @param assembler the thread that packs batches
   */
  EpochLoop(
      Trainer trainer,
      TrainingConfig config,
      PreparedData prepared,
      CgcnnNetwork net,
      ParameterOptimizer optimizer,
      TrainingState state,
      CheckpointStore store,
      ExecutorService assembler) {
    this.trainer = trainer;
    this.config = config;
    this.prepared = prepared;
    this.net = net;
    this.optimizer = optimizer;
    this.state = state;
    this.store = store;
    this.assembler = assembler;
    for (int i = 0; i <= PREFETCH; i++) {
      free.add(new HostBatch());
    }
  }

  /**
   * Runs from 0-based {@code startEpoch} until the configured epochs or an early stop.
   *
   * @param throughput counts the epochs' training speed
   * @return the epochs done when the loop ended
   */
  int run(int startEpoch, BatchOrder order, Throughput throughput, ProgressListener listener) {
    List<HostBatch> valBatches = fixedBatches(prepared.validation);
    List<HostBatch> testBatches = fixedBatches(prepared.test);
    EarlyStop earlyStop = EarlyStop.after(config.hyper().patience());
    BestEpoch best = state.best();
    int epoch = startEpoch;
    for (; epoch < config.hyper().epochs(); epoch++) {
      if (earlyStop.stopsBefore(epoch, best.epoch())) {
        break;
      }
      long t0 = System.nanoTime();
      // a fine-tuning continues its start's batch order; its rate follows its own milestone
      double lr = config.hyper().learningRate() * (epoch >= config.hyper().milestone() ? 0.1 : 1.0);
      int[] rows = order.epoch(epoch);
      double loss = trainEpoch(rows, lr);
      double t1 = (System.nanoTime() - t0) / 1e9;
      throughput.add(epoch, t1);
      double val = trainer.evaluate(prepared, net, valBatches);
      if (best.improvedBy(val)) {
        best.record(epoch + 1, val, trainer.evaluate(prepared, net, testBatches));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      EpochProgress progress =
          new EpochProgress(
              epoch + 1,
              config.hyper().epochs(),
              loss,
              val,
              best.valMetric(),
              best.epoch(),
              seconds,
              t1,
              NativeMemory.residentMiB());
      state.history().add(progress);
      LOG.info(
          "epoch {}/{}: loss {}, validation {}, best {} (epoch {}), {} s",
          progress.epoch(),
          progress.epochs(),
          String.format("%.4f", loss),
          String.format("%.4f", val),
          String.format("%.4f", best.valMetric()),
          best.epoch(),
          String.format("%.1f", seconds));
      state.write(store, epoch + 1, config.task().seed(), prepared);
      listener.onEpoch(progress);
    }
    return epoch;
  }

  private List<HostBatch> fixedBatches(int[] rows) {
    int batchSize = config.hyper().batchSize();
    List<HostBatch> batches = new ArrayList<>();
    for (int from = 0; from < rows.length; from += batchSize) {
      batches.add(prepared.batch(rows, from, Math.min(rows.length, from + batchSize)));
    }
    return batches;
  }

  /** One epoch of updates; returns the mean training loss. Batches are packed on another thread. */
  private double trainEpoch(int[] order, double lr) {
    int batchSize = config.hyper().batchSize();
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
        lossSum += trainer.step(prepared, net, optimizer, batch, lr) * batch.crystals();
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
}
