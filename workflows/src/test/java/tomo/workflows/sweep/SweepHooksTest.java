package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tomo.workflows.hooks.AirflowHookActivities;
import tomo.workflows.hooks.AirflowHookOptions;
import tomo.workflows.hooks.DagHookRequest;
import tomo.workflows.hooks.DagRunOutcome;
import tomo.workflows.hooks.HookPhase;
import tomo.workflows.hooks.SweepHooks;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.SweepResult;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

/** The sweep's Airflow hooks: on_start before any training, on_complete after the report. */
class SweepHooksTest {
  private SweepTestEnvironment t;

  /** Records each DAG run asked for, and how many trainings had run by then. */
  static final class RecordingHooks implements AirflowHookActivities {
    final List<DagHookRequest> requests = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> trainingsBefore = Collections.synchronizedList(new ArrayList<>());
    volatile SweepTestEnvironment env;
    volatile String failDag;

    @Override
    public DagRunOutcome runDag(DagHookRequest request) {
      requests.add(request);
      trainingsBefore.add(env.training.trainings());
      if (request.dagId().equals(failDag)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "DAG run " + request.runId() + " of " + request.dagId() + " ended in state 'failed'",
            AirflowHookOptions.DAG_RUN_FAILED);
      }
      return null;
    }
  }

  private final RecordingHooks hooks = new RecordingHooks();

  private SweepSpec specWith(SweepHooks h) {
    SweepSpec s = SweepTestEnvironment.spec(1, 2, 2, BaselineMode.SHARED);
    return s.toBuilder().hooks(h).build().normalized("test");
  }

  private void start() {
    t = new SweepTestEnvironment(hooks);
    hooks.env = t;
  }

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void onStartRunsBeforeTrainingAndOnCompleteAfterTheReport() {
    start();
    SweepSpec spec = specWith(new SweepHooks("refresh_data", "publish_report"));
    t.sweeps.startOrAttach("hooked", spec);
    SweepResult result = t.sweeps.await("hooked");

    assertThat(result.status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(hooks.requests)
        .extracting(DagHookRequest::phase)
        .containsExactly(HookPhase.ON_START, HookPhase.ON_COMPLETE);
    DagHookRequest first = hooks.requests.get(0);
    assertThat(first.dagId()).isEqualTo("refresh_data");
    assertThat(first.conf()).containsEntry("sweep_id", "hooked").containsKey("dataset_sha256");
    assertThat(hooks.trainingsBefore.get(0)).isZero();
    DagHookRequest last = hooks.requests.get(1);
    assertThat(last.dagId()).isEqualTo("publish_report");
    assertThat(last.conf())
        .containsEntry("report_dir", "reports/hooked")
        .containsEntry("status", "COMPLETED");
    assertThat(hooks.trainingsBefore.get(1)).isEqualTo((int) spec.trainingCount());
    assertThat(t.reports.get()).isEqualTo(1);
  }

  @Test
  void aSweepWithoutHooksCallsNone() {
    start();
    t.sweeps.startOrAttach("plain", specWith(null));
    assertThat(t.sweeps.await("plain").status()).isEqualTo(SweepStatus.COMPLETED);
    assertThat(hooks.requests).isEmpty();
  }

  @Test
  void aFailedOnStartDagFailsTheSweepBeforeAnyTraining() {
    start();
    hooks.failDag = "refresh_data";
    t.sweeps.startOrAttach("refused", specWith(new SweepHooks("refresh_data", null)));

    assertThatThrownBy(() -> t.sweeps.await("refused"))
        .rootCause()
        .hasMessageContaining("tomo__refused__on_start")
        .hasMessageContaining("'failed'");
    assertThat(t.training.trainings()).isZero();
    assertThat(hooks.requests).hasSize(1);
  }

  @Test
  void aDagIdThatAirflowCannotHaveIsASpecError() {
    assertThatThrownBy(() -> specWith(new SweepHooks("refresh data", null)))
        .hasMessageContaining("hooks.onStartDag")
        .hasMessageContaining("refresh data");
  }
}
