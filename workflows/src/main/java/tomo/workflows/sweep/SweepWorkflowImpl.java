package tomo.workflows.sweep;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.ChildWorkflowCancellationType;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import tomo.workflows.activity.PrepareActivities;
import tomo.workflows.activity.ReportActivities;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.hooks.AirflowHookOptions;
import tomo.workflows.hooks.DagHookRequest;
import tomo.workflows.hooks.SweepHooks;
import tomo.workflows.metrics.SweepMetrics;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.GroupKey;
import tomo.workflows.model.GroupProgress;
import tomo.workflows.model.GroupRequest;
import tomo.workflows.model.GroupResult;
import tomo.workflows.model.GroupTally;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

/** See {@link SweepWorkflow}. */
public final class SweepWorkflowImpl implements SweepWorkflow {
  private static final Logger log = Workflow.getLogger(SweepWorkflowImpl.class);
  private static final int LISTED_FAILURES = 1_000;

  /** Change id: a retry round prepares the dataset again and notices a file changed in place. */
  private static final String REPREPARE_ON_RETRY = "reprepare-on-retry";

  /** How long a hook may wait for its DAG run. */
  private static final Duration HOOK_WAIT = Duration.ofHours(2);

  private SweepSpec spec;
  private SweepStatus status = SweepStatus.PREPARING;
  private int round;
  private long total;
  private long roundStartMillis;

  /** Latest progress of every group of every round, by group id. */
  private final Map<String, GroupProgress> groups = new LinkedHashMap<>();

  private final Set<String> activeGroups = new LinkedHashSet<>();
  private final Map<CellKey, CellFailure> failures = new LinkedHashMap<>();
  private boolean retryAll;
  private final Set<CellKey> retryCells = new LinkedHashSet<>();
  private String cancelReason;

  private String reportDir;
  private long maxHistoryLength;

  /** Why the sweep failed (status FAILED), shown by the progress query. */
  private String failure;

  /** The first group that failed as a whole in the current round, with its cause. */
  private String groupFailure;

  /**
   * Whether the sweep keeps its search attributes and its groups' up to date: when it was started
   * with them (so the server knows them; a sweep started before they existed stays silent).
   */
  private boolean searchable;

  private String stateShown;
  private long failedCellsShown;

  /** Name of the failure type a failed sweep ends its workflow execution with. */
  public static final String SWEEP_FAILED = "SweepFailed";

  @Override
  public SweepResult run(SweepSpec spec) {
    this.spec = spec;
    this.total = spec.trainingCount();
    String sweepId = Workflow.getInfo().getWorkflowId();
    SearchAttributes attributes = Workflow.getTypedSearchAttributes();
    this.searchable = attributes.containsKey(SweepSearchAttributes.SWEEP);
    this.stateShown = attributes.get(SweepSearchAttributes.STATE);
    Long failedShown = attributes.get(SweepSearchAttributes.FAILED_CELLS);
    this.failedCellsShown = failedShown == null ? 0 : failedShown;
    show(progress());
    try {
      return runSweep(sweepId);
    } catch (TemporalFailure f) {
      if (f instanceof CanceledFailure || f.getCause() instanceof CanceledFailure) {
        throw f;
      }
      // a failure is a state: the query shows FAILED and the cause, then the execution fails with
      // the same words, so a client that only sees the closed execution reads them too
      failure = describe(f);
      setStatus(SweepStatus.FAILED);
      log.error("sweep {} failed: {}", sweepId, failure);
      reportMetrics();
      throw ApplicationFailure.newNonRetryableFailure(failure, SWEEP_FAILED);
    }
  }

  private SweepResult runSweep(String sweepId) {
    PrepareActivities prepare =
        Workflow.newActivityStub(PrepareActivities.class, TrainingOptions.orchestration(spec));
    ReportActivities report =
        Workflow.newActivityStub(ReportActivities.class, TrainingOptions.orchestration(spec));

    PreparedDataset data = prepare.prepare(spec);
    log.info("sweep {}: {} trainings over {} materials", sweepId, total, data.materials());
    SweepHooks hooks = spec.runtime().hooks();
    if (hooks.onStartDag() != null) {
      // e.g. a data-refresh pipeline: awaited before any training; its failure fails the sweep
      hookStub(spec)
          .runDag(
              DagHookRequest.onStart(
                  sweepId,
                  hooks.onStartDag(),
                  Map.of("dataset", data.path(), "dataset_sha256", data.contentSha256()),
                  HOOK_WAIT.toSeconds()));
    }

    Map<GroupKey, List<CellKey>> work = null; // null: every cell of every group
    while (true) {
      setStatus(SweepStatus.RUNNING);
      roundStartMillis = Workflow.currentTimeMillis();
      reportMetrics();
      runRound(sweepId, data, work);
      if (groupFailure != null && cancelReason == null) {
        throw ApplicationFailure.newNonRetryableFailure(groupFailure, "GroupFailed");
      }
      if (cancelReason != null) {
        setStatus(SweepStatus.CANCELLED);
        return result(sweepId);
      }
      setStatus(SweepStatus.REPORTING);
      ReportSummary aggregated = report.aggregate(sweepId, spec, data);
      reportDir = report.render(sweepId, spec, aggregated).dir();
      if (failures.isEmpty()) {
        setStatus(SweepStatus.COMPLETED);
        onComplete(sweepId, hooks);
        return result(sweepId);
      }
      setStatus(SweepStatus.WAITING_FOR_RETRY);
      boolean signalled =
          Workflow.await(
              Duration.ofMinutes(spec.runtime().retryWindowMinutes()),
              () -> cancelReason != null || retryAll || !retryCells.isEmpty());
      if (cancelReason != null) {
        setStatus(SweepStatus.CANCELLED);
        return result(sweepId);
      }
      if (!signalled) {
        setStatus(SweepStatus.COMPLETED_WITH_FAILURES);
        onComplete(sweepId, hooks);
        return result(sweepId);
      }
      work = retryWork();
      if (Workflow.getVersion(REPREPARE_ON_RETRY, Workflow.DEFAULT_VERSION, 1) == 1) {
        // the dataset may have been fixed in place since it was prepared (a bad row, a missing
        // value): a retry then trains on the new file, and every cell with it, so the report
        // never pairs or mixes two versions of the data (unchanged files: nothing more to do)
        PreparedDataset again = prepare.prepare(spec);
        if (!again.contentSha256().equals(data.contentSha256())) {
          log.warn(
              "sweep {}: dataset {} changed since it was prepared (sha256 {} -> {}): every cell"
                  + " is trained again on the new file",
              sweepId,
              again.path(),
              data.contentSha256(),
              again.contentSha256());
          data = again;
          work = null;
          failures.clear();
          groups.clear(); // progress of the earlier rounds counted trainings on the old data
        }
      }
      round++;
    }
  }

  /** The {@code on_complete} DAG, triggered with the report's place once the sweep has ended. */
  private void onComplete(String sweepId, SweepHooks hooks) {
    if (hooks.onCompleteDag() == null) {
      return;
    }
    hookStub(spec)
        .runDag(
            DagHookRequest.onComplete(
                sweepId,
                hooks.onCompleteDag(),
                Map.of(
                    "report_dir", reportDir,
                    "status", status.name(),
                    "failed_trainings", Integer.toString(failures.size())),
                HOOK_WAIT.toSeconds()));
  }

  private static AirflowHookActivities hookStub(SweepSpec spec) {
    return Workflow.newActivityStub(
        AirflowHookActivities.class,
        AirflowHookOptions.activityOptions(HOOK_WAIT).toBuilder()
            .setTaskQueue(spec.runtime().orchestrationQueue())
            .build());
  }

  /** Starts one child per group and waits for all; a cancel signal cancels them. */
  private void runRound(String sweepId, PreparedDataset data, Map<GroupKey, List<CellKey>> work) {
    List<Promise<Void>> children = new ArrayList<>();
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> {
              for (String target : spec.grid().targets()) {
                for (Representation rep : spec.grid().representations()) {
                  GroupKey group = new GroupKey(target, rep);
                  List<CellKey> cells = work == null ? null : work.get(group);
                  if (work != null && cells == null) {
                    continue;
                  }
                  children.add(startGroup(sweepId, data, group, cells));
                }
              }
            });
    scope.run();
    Workflow.await(() -> cancelReason != null || activeGroups.isEmpty());
    if (cancelReason != null) {
      scope.cancel(cancelReason);
    }
    Promise.allOf(children).get();
  }

  private Promise<Void> startGroup(
      String sweepId, PreparedDataset data, GroupKey group, List<CellKey> cells) {
    String groupId = group.id() + "/r" + round;
    // a retry round lists baselines that must be re-counted; every other baseline was counted
    List<Integer> counted = new ArrayList<>();
    if (cells != null) {
      for (int seed : spec.grid().seeds()) {
        if (!cells.contains(new CellKey(group.target(), null, group.representation(), seed))) {
          counted.add(seed);
        }
      }
    }
    GroupRequest request =
        new GroupRequest(
            sweepId,
            groupId,
            spec,
            data,
            group.target(),
            group.representation(),
            cells,
            0,
            GroupTally.empty(counted),
            0);
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(sweepId + "/" + groupId)
            .setTaskQueue(spec.runtime().orchestrationQueue())
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_REQUEST_CANCEL)
            .setCancellationType(ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED)
            .setStaticSummary(SweepSummaries.group(request, round));
    if (searchable) {
      options.setTypedSearchAttributes(
          SearchAttributes.newBuilder()
              .set(SweepSearchAttributes.SWEEP, sweepId)
              .set(SweepSearchAttributes.TARGET, group.target())
              .set(SweepSearchAttributes.REPRESENTATION, group.representation().label())
              .set(SweepSearchAttributes.STATE, SweepSearchAttributes.GROUP_RUNNING)
              .set(SweepSearchAttributes.FAILED_CELLS, 0L)
              .build());
    }
    CellGroupWorkflow child =
        Workflow.newChildWorkflowStub(CellGroupWorkflow.class, options.build());
    activeGroups.add(groupId);
    return Async.function(child::run, request)
        .handle(
            (result, failure) -> {
              activeGroups.remove(groupId);
              if (failure != null) {
                if (!(failure instanceof CanceledFailure)
                    && !(failure.getCause() instanceof CanceledFailure)) {
                  log.error("group {} failed: {}", groupId, failure.getMessage());
                  if (groupFailure == null) {
                    groupFailure = "group " + groupId + ": " + describe(failure);
                  }
                }
                return null;
              }
              finishGroup(result);
              return null;
            });
  }

  private void finishGroup(GroupResult result) {
    GroupTally t = result.tally();
    groups.put(
        result.groupId(),
        new GroupProgress(
            result.groupId(),
            t.done(),
            t.memoized(),
            0,
            t.trainedEpochs(),
            t.trainSeconds(),
            List.of()));
    for (CellFailure f : t.failures()) {
      failures.put(f.cell(), f);
    }
    maxHistoryLength = Math.max(maxHistoryLength, t.maxHistoryLength());
    reportMetrics();
  }

  @Override
  public void groupProgress(GroupProgress update) {
    if (!activeGroups.contains(update.groupId())) {
      return; // a late update of a finished group: its result is already in
    }
    groups.put(update.groupId(), update);
    for (CellFailure f : update.newFailures()) {
      failures.put(f.cell(), f);
    }
    reportMetrics();
  }

  private void setStatus(SweepStatus next) {
    status = next;
    show(progress());
  }

  /**
   * What the Temporal UI shows of the sweep: its progress line as current details; its status and
   * failed trainings as search attributes, upserted when they change.
   */
  private void show(SweepProgress p) {
    Workflow.setCurrentDetails(SweepSummaries.progress(p));
    if (!searchable) {
      return;
    }
    String state = status.label();
    if (!state.equals(stateShown)) {
      Workflow.upsertTypedSearchAttributes(SweepSearchAttributes.STATE.valueSet(state));
      stateShown = state;
    }
    if (p.failed() != failedCellsShown) {
      Workflow.upsertTypedSearchAttributes(SweepSearchAttributes.FAILED_CELLS.valueSet(p.failed()));
      failedCellsShown = p.failed();
    }
  }

  /**
   * Cells by state and the ETA, through the replay-safe metrics scope (dashboards, alerts); and in
   * the Temporal UI.
   */
  private void reportMetrics() {
    SweepProgress p = progress();
    show(p);
    SweepMetrics.reportProgress(
        Workflow.getMetricsScope(),
        p.sweepId(),
        p.pending(),
        p.running(),
        p.done(),
        p.failed(),
        p.etaSeconds());
  }

  /** The failed cells to re-run, grouped by target/representation; removes them from failures. */
  private Map<GroupKey, List<CellKey>> retryWork() {
    Set<CellKey> chosen = new LinkedHashSet<>();
    for (CellKey cell : retryAll ? failures.keySet() : retryCells) {
      if (!failures.containsKey(cell)) {
        continue;
      }
      chosen.add(cell);
      CellKey base = cell.baseline();
      if (!cell.isBaseline()
          && spec.training().baseline() == BaselineMode.SHARED
          && failures.containsKey(base)) {
        chosen.add(base); // the cell cannot succeed without its baseline
      }
      if (cell.isBaseline()) {
        // cells that failed because their baseline did are retried with it
        for (CellKey other : failures.keySet()) {
          if (!other.isBaseline() && other.baseline().equals(cell)) {
            chosen.add(other);
          }
        }
      }
    }
    retryAll = false;
    retryCells.clear();
    Map<GroupKey, List<CellKey>> work = new LinkedHashMap<>();
    for (CellKey cell : chosen) {
      failures.remove(cell);
      work.computeIfAbsent(GroupKey.of(cell), k -> new ArrayList<>()).add(cell);
    }
    // baselines first, so cells find theirs started
    work.values()
        .forEach(list -> list.sort((a, b) -> Boolean.compare(!a.isBaseline(), !b.isBaseline())));
    log.info("round {}: retrying {} trainings", round + 1, chosen.size());
    return work;
  }

  @Override
  public void retryFailed() {
    retryAll = true;
  }

  @Override
  public void retryCell(String cellLabel) {
    retryCells.add(CellKey.parse(cellLabel));
  }

  @Override
  public void cancel(String reason) {
    cancelReason = reason == null || reason.isBlank() ? "cancelled" : reason;
  }

  @Override
  public SweepProgress progress() {
    long done = 0;
    long memoized = 0;
    long running = 0;
    long epochs = 0;
    double seconds = 0;
    for (GroupProgress g : groups.values()) {
      done += g.done();
      memoized += g.memoized();
      epochs += g.trainedEpochs();
      seconds += g.trainSeconds();
      if (activeGroups.contains(g.groupId())) {
        running += g.running();
      }
    }
    long failed = failures.size();
    // adaptive seeds add trainings as rounds decide: the total grows with them (at least the
    // spec's)
    long total =
        spec.grid().moreSeeds() == null
            ? this.total
            : Math.max(this.total, done + failed + running);
    long pending = Math.max(0, total - done - failed - running);
    double meanEpoch = epochs == 0 ? 0 : seconds / epochs;
    Double eta = null;
    if (epochs > 0) {
      // parallelism seen so far: training seconds per wall second since the round began
      double wall = Math.max(1, (Workflow.currentTimeMillis() - roundStartMillis) / 1000.0);
      double parallel = Math.max(1, seconds / wall);
      eta = (pending + running) * spec.training().hyper().epochs() * meanEpoch / parallel;
    }
    List<CellFailure> listed = failures.values().stream().limit(50).toList();
    return new SweepProgress(
        Workflow.getInfo().getWorkflowId(),
        status,
        round,
        total,
        done,
        memoized,
        running,
        failed,
        pending,
        eta,
        meanEpoch,
        listed,
        reportDir,
        failure);
  }

  /**
   * What a failure says in words: the step that failed and the innermost reason, e.g. {@code
   * prepare: data.csv row 7 field 'cif': …}. Temporal wraps the activity's own message in an
   * activity (or child workflow) failure whose text names only ids.
   */
  static String describe(Throwable f) {
    String step = null;
    Throwable t = f;
    while (t instanceof ActivityFailure || t instanceof ChildWorkflowFailure) {
      if (step == null && t instanceof ActivityFailure a) {
        step = stepName(a.getActivityType());
      }
      if (t.getCause() == null) {
        break;
      }
      t = t.getCause();
    }
    String reason =
        t instanceof TemporalFailure tf ? tf.getOriginalMessage() : String.valueOf(t.getMessage());
    if (t instanceof ApplicationFailure a
        && a.getType() != null
        && !a.getType().equals(SWEEP_FAILED)
        && !a.getType().equals("GroupFailed")
        && !a.getType().equals(TrainingActivities.BAD_INPUT)) {
      reason = reason + " (" + a.getType() + ")";
    }
    return step == null ? reason : step + ": " + reason;
  }

  /** {@code Prepare} → {@code prepare}: activity types are method names with a capital. */
  private static String stepName(String activityType) {
    return activityType == null || activityType.isEmpty()
        ? "activity"
        : Character.toLowerCase(activityType.charAt(0)) + activityType.substring(1);
  }

  private SweepResult result(String sweepId) {
    reportMetrics();
    SweepProgress p = progress();
    maxHistoryLength = Math.max(maxHistoryLength, Workflow.getInfo().getHistoryLength());
    return new SweepResult(
        sweepId,
        status,
        total,
        p.done(),
        p.memoized(),
        failures.size(),
        failures.values().stream().limit(LISTED_FAILURES).toList(),
        round + 1,
        reportDir,
        maxHistoryLength);
  }
}
