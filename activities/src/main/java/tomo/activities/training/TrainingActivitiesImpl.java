package tomo.activities.training;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.StoredTraining;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingReceipt;
import tomo.workflows.model.TrainingRequest;

/**
 * Trains one request with a {@link CellTrainer}, memoized in the artifact store by content hash.
 * Heartbeats after every epoch (epoch, best so far) and, between epochs, often enough for the
 * heartbeat timeout, so a dead worker is noticed in seconds however long an epoch is.
 */
public final class TrainingActivitiesImpl implements TrainingActivities {
  private static final Logger log = LoggerFactory.getLogger(TrainingActivitiesImpl.class);

  /** Failure type of a training whose worker was stopped (interrupted) while it waited to exit. */
  public static final String WORKER_SHUTDOWN = "WorkerShutdown";

  private final CellTrainer trainer;

  /** Set when the worker shuts down: every training stops after its next checkpoint. */
  private volatile boolean stopping;

  /** The trainings of this process now running, by cell, with their last finished epoch. */
  private final Map<String, Integer> running = new ConcurrentHashMap<>();

  /** Trainings stopped for the shutdown, by cell, with the epoch their checkpoint holds. */
  private final Map<String, Integer> stopped = new ConcurrentHashMap<>();

  public TrainingActivitiesImpl(CellTrainer trainer) {
    this.trainer = trainer;
  }

  /**
   * Asks every running training to stop after its current epoch's checkpoint, and a training that
   * reaches this worker from now on not to start. A stopped training reports nothing: it waits for
   * the process to exit, and the server, missing its heartbeats, retries it on another worker,
   * which resumes from that checkpoint. (Failing it instead would be retried at once, and a server
   * may hand the retry to this very worker while its polls wind down, using up attempts.)
   */
  public void stopAfterCurrentEpochs() {
    stopping = true;
  }

  /**
   * Waits until every running training has stopped at a checkpoint (see {@link
   * #stopAfterCurrentEpochs}), at most {@code bound}.
   *
   * @return true when all stopped in time
   */
  public boolean awaitStopped(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!stopped.keySet().containsAll(running.keySet())) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** The trainings stopped for the shutdown, by cell, with the epoch their checkpoint holds. */
  public Map<String, Integer> stopped() {
    return Map.copyOf(stopped);
  }

  /** Parks the calling training until the process exits (interrupted: fails it retryably). */
  private void park(String cell, int epoch) {
    stopped.put(cell, epoch);
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw ApplicationFailure.newFailure(
        cell + ": worker shut down after epoch " + epoch + "; resumes from its checkpoint",
        WORKER_SHUTDOWN);
  }

  /** The trainings running now, as {@code cell@epoch} (epoch: the last one finished). */
  public Map<String, Integer> running() {
    return Map.copyOf(running);
  }

  @Override
  public TrainingReceipt train(TrainingRequest planned) {
    if (!TrainerIds.of(planned.trainer()).equals(trainer.id())) {
      // another trainer's result would be stored under a hash the report never looks up
      throw ApplicationFailure.newNonRetryableFailure(
          planned.cell().label()
              + ": the sweep's trainer is '"
              + planned.trainer()
              + "' but this worker runs "
              + trainer.id()
              + " (start a training worker with --trainer "
              + planned.trainer()
              + ")",
          WRONG_TRAINER);
    }
    ArtifactStore store = new ArtifactStore(Path.of(planned.artifactDir()));
    String hash = ContentHash.of(planned, trainer.id());
    Optional<StoredTraining> done = store.find(hash);
    if (done.isPresent()) {
      return new TrainingReceipt(done.get().outcome(), hash, 0, 0, true);
    }
    if (stopping) {
      // a task that reached this worker while it shuts down: leave it to another worker
      log.info("{}: not started: worker shutting down", planned.cell().label());
      running.put(planned.cell().label(), 0);
      park(planned.cell().label(), 0);
    }
    ActivityExecutionContext context = Activity.getExecutionContext();
    // the heartbeat details are the previous attempt's last *sent* heartbeat: the SDK throttles
    // them, and a dying worker loses the newest; where the work resumes is the newest checkpoint,
    // which the trainer reports (Heartbeats.resumed)
    Optional<EpochHeartbeat> previous = context.getHeartbeatDetails(EpochHeartbeat.class);
    String cell = planned.cell().label();
    running.put(cell, 0);
    // heartbeats start before the dataset is read: a large file takes longer than the timeout
    try (Heartbeats heartbeats =
        new Heartbeats(
            context,
            previous.orElse(new EpochHeartbeat(0, Double.NaN)),
            cell,
            () -> stopping,
            epoch -> running.put(cell, epoch),
            epoch -> park(cell, epoch))) {
      // the file may have changed since the sweep was prepared (fixed in place, then retried):
      // the training, its checkpoints and its stored result then belong to the data actually read
      TrainingRequest request = onTheDataUsed(planned);
      if (request != planned) {
        hash = ContentHash.of(request, trainer.id());
        done = store.find(hash);
        if (done.isPresent()) {
          return new TrainingReceipt(done.get().outcome(), hash, 0, 0, true);
        }
      }
      TrainingRun run;
      try {
        run = trainer.train(request, store.checkpointDir(hash), heartbeats);
      } catch (BadInputException e) {
        throw ApplicationFailure.newNonRetryableFailure(
            request.cell().label() + ": " + e.getMessage(), BAD_INPUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure("interrupted", "Interrupted");
      }
      Path file = store.resultFile(hash);
      TrainingOutcome outcome =
          new TrainingOutcome(
              request.target(),
              request.property(),
              request.representation(),
              request.seed(),
              run.metric(),
              run.testMetric(),
              run.bestEpoch(),
              store.root().relativize(file).toString());
      store.save(
          new StoredTraining(
              hash,
              trainer.id(),
              request,
              outcome,
              run.epochsTrained(),
              run.seconds(),
              Instant.now().toString(),
              run.provenance(),
              run.history()));
      return new TrainingReceipt(outcome, hash, run.epochsTrained(), run.seconds(), false);
    } finally {
      running.remove(cell);
    }
  }

  /** {@code planned}, or the same training of the dataset file as it is now when it changed. */
  private TrainingRequest onTheDataUsed(TrainingRequest planned) {
    String used;
    try {
      used = trainer.datasetSha256(planned);
    } catch (BadInputException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          planned.cell().label() + ": " + e.getMessage(), BAD_INPUT);
    }
    if (used.equals(planned.datasetSha256())) {
      return planned;
    }
    log.warn(
        "{}: dataset {} is now sha256 {}, the sweep was prepared on {}: training on it and storing"
            + " it as such",
        planned.cell().label(),
        planned.datasetPath(),
        used,
        planned.datasetSha256());
    return planned.withDatasetSha256(used);
  }

  /** Per-epoch heartbeats plus a keep-alive between epochs. */
  private static final class Heartbeats implements AutoCloseable, EpochListener {
    private final ActivityExecutionContext context;
    private final AtomicReference<EpochHeartbeat> latest;
    private final AtomicReference<ActivityCompletionException> stop = new AtomicReference<>();
    private final ScheduledExecutorService keepAlive;
    private final String cell;
    private final BooleanSupplier stopping;
    private final IntConsumer finished;
    private final IntConsumer stopAt;

    Heartbeats(
        ActivityExecutionContext context,
        EpochHeartbeat start,
        String cell,
        BooleanSupplier stopping,
        IntConsumer finished,
        IntConsumer stopAt) {
      this.context = context;
      this.cell = cell;
      this.stopping = stopping;
      this.finished = finished;
      this.stopAt = stopAt;
      this.latest = new AtomicReference<>(start);
      Duration timeout = context.getInfo().getHeartbeatTimeout();
      long periodMillis =
          timeout == null || timeout.isZero() ? 10_000 : Math.max(200, timeout.toMillis() / 3);
      keepAlive =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "heartbeat-" + context.getInfo().getActivityId());
                t.setDaemon(true);
                return t;
              });
      keepAlive.scheduleAtFixedRate(this::beat, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void resumed(int epochsDone, double bestValMetric) {
      log.info(
          "{}: attempt {} resumes after epoch {} (its newest checkpoint; the last heartbeat"
              + " received said epoch {})",
          cell,
          context.getInfo().getAttempt(),
          epochsDone,
          latest.get().epoch());
      latest.set(new EpochHeartbeat(epochsDone, bestValMetric));
      finished.accept(epochsDone);
      send();
    }

    @Override
    public void epochDone(int epoch, double val, double best, double seconds) {
      latest.set(new EpochHeartbeat(epoch, best));
      finished.accept(epoch);
      ActivityCompletionException s = stop.get();
      if (stopping.getAsBoolean() || s instanceof ActivityWorkerShutdownException) {
        // the checkpoint of this epoch is on disk (trainers call this after writing it)
        log.info(
            "{}: stopped after epoch {} (checkpoint written): worker shutting down", cell, epoch);
        stopAt.accept(epoch); // never returns
      }
      if (s != null) {
        throw s; // cancelled or timed out while the epoch ran: stop at the checkpoint
      }
      send();
    }

    private void beat() {
      try {
        send();
      } catch (ActivityCompletionException e) {
        stop.compareAndSet(null, e);
      } catch (RuntimeException e) {
        log.warn("heartbeat failed: {}", e.toString());
      }
    }

    /**
     * Reads and sends the newest progress under one lock, so the keep-alive thread never sends an
     * epoch older than one the training thread already sent.
     */
    private synchronized void send() {
      context.heartbeat(latest.get());
    }

    @Override
    public void close() {
      keepAlive.shutdownNow();
    }
  }
}
