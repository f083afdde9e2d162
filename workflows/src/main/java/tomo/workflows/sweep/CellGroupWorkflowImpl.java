package tomo.workflows.sweep;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.metrics.SweepMetrics;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.GroupProgress;
import tomo.workflows.model.GroupRequest;
import tomo.workflows.model.GroupResult;
import tomo.workflows.model.GroupTally;
import tomo.workflows.model.Protocol;
import tomo.workflows.model.TrainingReceipt;
import tomo.workflows.model.TrainingRequest;

/** See {@link CellGroupWorkflow}. */
public final class CellGroupWorkflowImpl implements CellGroupWorkflow {
  /** Trainings started together; a chunk's events must fit well inside the history budget. */
  static final int CHUNK = 500;

  /**
   * Continue as new once a run's history passes this many events: Temporal's limit is 51,200 (it
   * warns at 10,240), so a group never comes near it.
   */
  static final long HISTORY_BUDGET = 4_000;

  /** Progress signals to the sweep per chunk. */
  private static final int REPORTS_PER_CHUNK = 8;

  private static final Logger log = Workflow.getLogger(CellGroupWorkflowImpl.class);

  private GroupRequest request;
  private GroupTally.Mutable tally;
  private ActivityOptions trainingOptions;

  /**
   * Whether this group keeps its search attributes up to date: when its sweep started it with them
   * (so the server knows them; a group of a sweep started before they existed stays silent).
   */
  private boolean searchable;

  private long failedCellsShown;
  private final Map<Integer, Promise<TrainingReceipt>> baselines = new HashMap<>();

  /** A fine-tuned sweep's baselines trained in full, by seed; {@link #baselines} are controls. */
  private final Map<Integer, Promise<TrainingReceipt>> pretrains = new HashMap<>();

  private final List<CellFailure> unreported = new ArrayList<>();

  /** %Δ of each finished cell by property and seed, for the heatmap-so-far metric. */
  private final Map<String, Map<Integer, Double>> deltas = new HashMap<>();

  private long running;
  private long baselinesEnded;
  private int finishedInChunk;

  @Override
  public GroupResult run(GroupRequest request) {
    this.request = request;
    this.tally = request.tally().toMutable();
    this.trainingOptions = TrainingOptions.training(request.spec());
    this.searchable = Workflow.getTypedSearchAttributes().containsKey(SweepSearchAttributes.SWEEP);
    Long shown =
        searchable
            ? Workflow.getTypedSearchAttributes().get(SweepSearchAttributes.FAILED_CELLS)
            : null;
    this.failedCellsShown = shown == null ? 0 : shown;
    showProgress();
    if (request.adaptive() && request.offset() == 0) {
      showSeeds();
    }
    int size = request.size();
    int start = request.offset();
    while (start < size) {
      int end = Math.min(size, start + CHUNK);
      runChunk(start, end);
      start = end;
      noteHistory();
      if (CancellationScope.current().isCancelRequested()) {
        throw new CanceledFailure("group " + request.groupId() + " cancelled");
      }
      if (start < size
          && (Workflow.getInfo().getHistoryLength() > HISTORY_BUDGET
              || Workflow.getInfo().isContinueAsNewSuggested())) {
        log.info(
            "group {} continues as new at {}/{} after {} events",
            request.groupId(),
            start,
            size,
            Workflow.getInfo().getHistoryLength());
        Workflow.continueAsNew(
            ContinueAsNewOptions.newBuilder()
                .setTypedSearchAttributes(ownSearchAttributes())
                .build(),
            request.continueAt(start, tally.freeze()));
      }
    }
    noteHistory();
    if (request.adaptive()) {
      moreSeeds();
    }
    if (searchable) {
      Workflow.upsertTypedSearchAttributes(
          SweepSearchAttributes.STATE.valueSet(
              tally.failures.isEmpty()
                  ? SweepSearchAttributes.GROUP_DONE
                  : SweepSearchAttributes.GROUP_FAILED));
    }
    return new GroupResult(request.groupId(), tally.freeze());
  }

  /**
   * Adaptive seeds: asks which cells the next round extends (decided once per round, so a replay or
   * a retried activity gets the same cells) and, when there are any, runs that round as the next
   * run of this group; its cells carry the round's seed, and each waits for that seed's baseline.
   */
  private void moreSeeds() {
    if (CancellationScope.current().isCancelRequested()) {
      throw new CanceledFailure("group " + request.groupId() + " cancelled");
    }
    int next = request.round() + 1;
    ReportActivities decide =
        Workflow.newActivityStub(
            ReportActivities.class,
            ActivityOptions.newBuilder(TrainingOptions.orchestration(request.spec()))
                .setSummary("adaptive seeds: round " + next + " of " + request.groupId())
                .build());
    List<CellKey> open =
        decide.moreSeeds(
            request.sweepId(),
            request.spec(),
            request.data(),
            request.target(),
            request.representation(),
            next);
    if (open.isEmpty()) {
      log.info("group {}: every cell settled after round {}", request.groupId(), request.round());
      return;
    }
    log.info(
        "group {}: adaptive round {} gives seed {} to {} open cell(s)",
        request.groupId(),
        next,
        open.get(0).seed(),
        open.size());
    Workflow.continueAsNew(
        ContinueAsNewOptions.newBuilder().setTypedSearchAttributes(ownSearchAttributes()).build(),
        request.nextRound(next, open, tally.freeze()));
  }

  /** The seeds each cell of this run has: the spec's, and one more for each adaptive round. */
  private void showSeeds() {
    int seeds = request.spec().grid().seeds().size() + request.round();
    List<String> properties =
        request.round() == 0
            ? request.spec().grid().cellProperties()
            : request.cells().stream().map(CellKey::property).distinct().toList();
    for (String property : properties) {
      SweepMetrics.reportSeeds(
          Workflow.getMetricsScope(),
          request.sweepId(),
          request.target(),
          property,
          request.representation(),
          seeds);
    }
  }

  /** tomo's attributes of this run, for the next one (null: none, as the run was started). */
  private SearchAttributes ownSearchAttributes() {
    if (!searchable) {
      return null;
    }
    SearchAttributes current = Workflow.getTypedSearchAttributes();
    SearchAttributes.Builder own = SearchAttributes.newBuilder();
    for (SearchAttributeKey<?> key : SweepSearchAttributes.ALL) {
      copy(current, own, key);
    }
    return own.build();
  }

  private static <T> void copy(
      SearchAttributes from, SearchAttributes.Builder to, SearchAttributeKey<T> key) {
    if (from.containsKey(key)) {
      to.set(key, from.get(key));
    }
  }

  /**
   * What the Temporal UI shows of this group while it runs: its trainings so far as current
   * details, and its failed trainings as {@link SweepSearchAttributes#FAILED_CELLS} once they
   * change.
   */
  private void showProgress() {
    Workflow.setCurrentDetails(
        (request.round() > 0
                ? "adaptive round " + request.round() + " (" + request.size() + " open cells) · "
                : "")
            + tally.done
            + " trainings done"
            + (tally.memoized > 0 ? " (" + tally.memoized + " memoized)" : "")
            + " · "
            + running
            + " running · "
            + tally.failures.size()
            + " failed");
    long failed = tally.failures.size();
    if (searchable && failed != failedCellsShown) {
      Workflow.upsertTypedSearchAttributes(SweepSearchAttributes.FAILED_CELLS.valueSet(failed));
      failedCellsShown = failed;
    }
  }

  @Override
  public GroupProgress progress() {
    return snapshot(List.of());
  }

  private void runChunk(int start, int end) {
    int size = end - start;
    finishedInChunk = 0;
    for (int i = start; i < end; i++) {
      CellKey item = request.item(i);
      if (item.isBaseline()) {
        baseline(item).handle((r, f) -> finishItem());
      } else if (TrainingPlan.baselineMode(request.spec(), request.data())
          == BaselineMode.PER_CELL) {
        perCell(item);
      } else {
        shared(item);
      }
    }
    signalSweep(); // the sweep learns at once how many trainings are running
    showProgress();
    int step = Math.max(1, size / REPORTS_PER_CHUNK);
    int reported = 0;
    while (reported < size) {
      int target = Math.min(size, reported + step);
      long seen = baselinesEnded;
      // a finished baseline is news too: with slow trainings it comes long before any cell
      Workflow.await(() -> finishedInChunk >= target || baselinesEnded > seen);
      reported = finishedInChunk;
      signalSweep();
      showProgress();
    }
  }

  /**
   * Shared mode: the cell waits for its seed's baseline, then trains. A fine-tuned cell waits for
   * the baseline trained in full only (its control, that baseline continued, runs beside it).
   */
  private void shared(CellKey cell) {
    Promise<TrainingReceipt> control = baseline(cell.baseline());
    // (a seed whose baseline failed in an earlier run has no pretrain here: its control fails)
    Promise<TrainingReceipt> start =
        finetuned() ? pretrains.getOrDefault(cell.seed(), control) : control;
    start
        .handle(
            (r, f) -> {
              if (f != null) {
                rethrowIfCancelled(f);
              }
              return f;
            })
        .thenCompose(
            baselineFailure -> {
              if (baselineFailure != null || tally.failedBaselineSeeds.contains(cell.seed())) {
                fail(cell, "baseline " + cell.baseline().label() + " failed", "BaselineFailed");
                return Workflow.newPromise((Void) null);
              }
              // the cell ends with its control (a fine-tuned cell may finish first): the group
              // and the report then find both
              return train(TrainingPlan.request(request.spec(), request.data(), cell))
                  .handle(Trained::new)
                  .thenCompose(
                      trained ->
                          control.handle(
                              (c, cf) -> {
                                if (trained.failure() == null && cf == null) {
                                  reportDelta(cell, c, trained.receipt());
                                }
                                return recordCell(cell, trained.receipt(), trained.failure());
                              }));
            })
        .handle((r, f) -> finishItem());
  }

  /** A training's end: its receipt, or why it failed. */
  private record Trained(TrainingReceipt receipt, RuntimeException failure) {}

  /** Per-cell mode: a baseline with the cell's property masked, then the augmented model. */
  private void perCell(CellKey cell) {
    train(TrainingPlan.perCellBaseline(request.spec(), request.data(), cell))
        .handle((r, f) -> f == null ? r : failedWith(cell, f, "per-cell baseline"))
        .thenCompose(
            baseline -> {
              if (baseline == null) {
                return Workflow.newPromise((Void) null);
              }
              return train(TrainingPlan.request(request.spec(), request.data(), cell))
                  .handle(
                      (r, f) -> {
                        if (f == null) {
                          // a per-cell baseline is part of its cell: both count when both are done
                          count(baseline);
                          reportDelta(cell, baseline, r);
                        }
                        return recordCell(cell, r, f);
                      });
            })
        .handle((r, f) -> finishItem());
  }

  private TrainingReceipt failedWith(CellKey cell, RuntimeException f, String what) {
    rethrowIfCancelled(f);
    fail(cell, what + ": " + message(f), type(f));
    return null;
  }

  /** The seed's shared baseline, started once per run (memoized by the activity across runs). */
  private Promise<TrainingReceipt> baseline(CellKey base) {
    int seed = base.seed();
    if (tally.failedBaselineSeeds.contains(seed)) {
      return Workflow.newFailedPromise(
          ApplicationFailure.newNonRetryableFailure("failed earlier", "BaselineFailed"));
    }
    return baselines.computeIfAbsent(
        seed,
        s -> {
          TrainingRequest control = TrainingPlan.request(request.spec(), request.data(), base);
          if (!finetuned()) {
            return counted(seed, base, train(control), null);
          }
          // the baseline in full, then its control: that baseline continued, extra input absent
          Promise<TrainingReceipt> pretrain =
              train(TrainingPlan.pretrain(request.spec(), request.data(), base));
          pretrains.put(seed, pretrain);
          return counted(seed, base, pretrain.thenCompose(pre -> train(control)), pretrain);
        });
  }

  /**
   * {@code baseline} with its end counted once per seed (across runs of this group): a failure
   * fails the seed, a success counts the training (and the full training {@code pretrain} it
   * continued, when fine-tuned).
   */
  private Promise<TrainingReceipt> counted(
      int seed,
      CellKey base,
      Promise<TrainingReceipt> baseline,
      Promise<TrainingReceipt> pretrain) {
    return baseline.handle(
        (r, f) -> {
          baselinesEnded++;
          if (f != null) {
            rethrowIfCancelled(f);
            tally.failedBaselineSeeds.add(seed);
            fail(base, message(f), type(f));
            throw f;
          }
          if (!tally.countedBaselineSeeds.contains(seed)) {
            tally.countedBaselineSeeds.add(seed);
            if (pretrain != null) {
              count(pretrain.get());
            }
            count(r);
          }
          return r;
        });
  }

  private boolean finetuned() {
    return request.spec().training().protocol() == Protocol.FINETUNE;
  }

  private Promise<TrainingReceipt> train(TrainingRequest req) {
    running++;
    // a stub per training: its summary names the training in the Temporal UI
    TrainingActivities training =
        Workflow.newActivityStub(
            TrainingActivities.class,
            ActivityOptions.newBuilder(trainingOptions)
                .setSummary(SweepSummaries.training(req))
                .build());
    return Async.function(training::train, req)
        .handle(
            (r, f) -> {
              running--;
              if (f != null) {
                throw f;
              }
              return r;
            });
  }

  private Void recordCell(CellKey cell, TrainingReceipt r, RuntimeException f) {
    if (f != null) {
      rethrowIfCancelled(f);
      fail(cell, message(f), type(f));
    } else {
      count(r);
    }
    return null;
  }

  /**
   * The heatmap so far: this cell's mean %Δ over the seeds finished in this run of the group,
   * through the replay-safe metrics scope (dashboards only; the report aggregates every training).
   */
  private void reportDelta(CellKey cell, TrainingReceipt baseline, TrainingReceipt trained) {
    double base = baseline.outcome().testMetric();
    if (!Double.isFinite(base) || base <= 0 || !Double.isFinite(trained.outcome().testMetric())) {
      return; // as the report: no relative change from a zero or missing baseline
    }
    Map<Integer, Double> bySeed = deltas.computeIfAbsent(cell.property(), p -> new HashMap<>());
    bySeed.put(cell.seed(), 100.0 * (trained.outcome().testMetric() - base) / base);
    SweepMetrics.reportMeanDelta(
        Workflow.getMetricsScope(),
        request.sweepId(),
        cell.target(),
        cell.property(),
        cell.representation(),
        bySeed.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
  }

  private void count(TrainingReceipt r) {
    tally.done++;
    if (r.memoized()) {
      tally.memoized++;
    }
    tally.trainedEpochs += r.epochs();
    tally.trainSeconds += r.trainSeconds();
  }

  private void fail(CellKey cell, String reason, String type) {
    CellFailure failure = new CellFailure(cell, reason, type);
    tally.failures.add(failure);
    unreported.add(failure);
  }

  private Void finishItem() {
    finishedInChunk++;
    return null;
  }

  private void signalSweep() {
    Workflow.getInfo()
        .getParentWorkflowId()
        .ifPresent(
            parent -> {
              GroupProgress update = snapshot(List.copyOf(unreported));
              unreported.clear();
              // waits for delivery; the trainings of the chunk keep running meanwhile
              Workflow.newUntypedExternalWorkflowStub(parent)
                  .signal(SweepWorkflow.GROUP_PROGRESS_SIGNAL, update);
            });
  }

  private GroupProgress snapshot(List<CellFailure> newFailures) {
    return new GroupProgress(
        request.groupId(),
        tally.done,
        tally.memoized,
        running,
        tally.trainedEpochs,
        tally.trainSeconds,
        newFailures);
  }

  private void noteHistory() {
    tally.maxHistoryLength =
        Math.max(tally.maxHistoryLength, Workflow.getInfo().getHistoryLength());
  }

  private static void rethrowIfCancelled(RuntimeException f) {
    if (f instanceof CanceledFailure || f.getCause() instanceof CanceledFailure) {
      throw f;
    }
  }

  /** The innermost message: an activity failure wraps the application failure that says why. */
  static String message(Throwable f) {
    Throwable t = f;
    while (t instanceof ActivityFailure && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof ApplicationFailure a) {
      return a.getOriginalMessage();
    }
    if (t instanceof TemporalFailure tf) {
      return tf.getOriginalMessage();
    }
    return String.valueOf(t.getMessage());
  }

  static String type(Throwable f) {
    Throwable t = f;
    while (t instanceof ActivityFailure && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof ApplicationFailure a ? a.getType() : t.getClass().getSimpleName();
  }
}
