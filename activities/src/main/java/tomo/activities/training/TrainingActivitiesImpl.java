package tomo.activities.training;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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

  private final CellTrainer trainer;

  public TrainingActivitiesImpl(CellTrainer trainer) {
    this.trainer = trainer;
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
    ActivityExecutionContext context = Activity.getExecutionContext();
    Optional<EpochHeartbeat> previous = context.getHeartbeatDetails(EpochHeartbeat.class);
    previous.ifPresent(
        p ->
            log.info(
                "{}: attempt {} resumes after epoch {}",
                planned.cell().label(),
                context.getInfo().getAttempt(),
                p.epoch()));
    // heartbeats start before the dataset is read: a large file takes longer than the timeout
    try (Heartbeats heartbeats =
        new Heartbeats(context, previous.orElse(new EpochHeartbeat(0, Double.NaN)))) {
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
        run = trainer.train(request, store.checkpointDir(hash), heartbeats::epochDone);
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
  private static final class Heartbeats implements AutoCloseable {
    private final ActivityExecutionContext context;
    private final AtomicReference<EpochHeartbeat> latest;
    private final AtomicReference<ActivityCompletionException> stop = new AtomicReference<>();
    private final ScheduledExecutorService keepAlive;

    Heartbeats(ActivityExecutionContext context, EpochHeartbeat start) {
      this.context = context;
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

    void epochDone(int epoch, double val, double best, double seconds) {
      latest.set(new EpochHeartbeat(epoch, best));
      ActivityCompletionException s = stop.get();
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
