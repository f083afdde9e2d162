package tomo.workflows.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;

/**
 * What the Temporal UI shows of a sweep, on Temporal's Java test server: search attributes on the
 * sweep and its groups that follow the state and the failures, the groups' summaries, every
 * training's summary and the sweep's progress line as its current details.
 */
class SweepUiStoryTest {
  private SweepTestEnvironment t;

  @BeforeEach
  void start() {
    t = new SweepTestEnvironment();
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void searchAttributesAndSummariesFollowTheSweep() {
    SweepSpec spec = SweepTestEnvironment.spec(1, 2, 1, BaselineMode.SHARED);
    t.training.badProperties.add("p1");
    t.sweeps.startOrAttach("ui", spec);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> t.sweeps.progress("ui").status() == SweepStatus.WAITING_FOR_RETRY);

    WorkflowExecutionDescription sweep = t.client.newUntypedWorkflowStub("ui").describe();
    SearchAttributes attributes = sweep.getTypedSearchAttributes();
    assertThat(attributes.get(SweepSearchAttributes.SWEEP)).isEqualTo("ui");
    assertThat(attributes.get(SweepSearchAttributes.STATE)).isEqualTo("waiting_for_retry");
    assertThat(attributes.get(SweepSearchAttributes.FAILED_CELLS)).isEqualTo(2L);
    assertThat(sweep.getStaticSummary())
        .isEqualTo(
            "sweep ui: 6 trainings (1 target × 2 properties × 2 representations × 1 seed,"
                + " shared baseline)");
    WorkflowMetadata metadata =
        t.client
            .newUntypedWorkflowStub("ui")
            .query("__temporal_workflow_metadata", WorkflowMetadata.class);
    assertThat(metadata.getCurrentDetails())
        .startsWith("waiting_for_retry · 4/6 done · 0 running · 2 failed · 0 pending");

    for (String rep : List.of("structure", "composition")) {
      String id = "ui/t0/" + rep + "/r0";
      WorkflowExecutionDescription group = t.client.newUntypedWorkflowStub(id).describe();
      SearchAttributes g = group.getTypedSearchAttributes();
      assertThat(g.get(SweepSearchAttributes.SWEEP)).as(id).isEqualTo("ui");
      assertThat(g.get(SweepSearchAttributes.TARGET)).as(id).isEqualTo("t0");
      assertThat(g.get(SweepSearchAttributes.REPRESENTATION)).as(id).isEqualTo(rep);
      assertThat(g.get(SweepSearchAttributes.STATE)).as(id).isEqualTo("failed");
      assertThat(g.get(SweepSearchAttributes.FAILED_CELLS)).as(id).isEqualTo(1L);
      assertThat(group.getStaticSummary()).as(id).isEqualTo("t0 · " + rep + ": 3 trainings");
      assertThat(activitySummaries(id))
          .as(id)
          .containsExactlyInAnyOrder(
              "t0 · " + rep + " · seed 0 · baseline",
              "t0 + p0 · " + rep + " · seed 0 · augmented",
              "t0 + p1 · " + rep + " · seed 0 · augmented");
    }
  }

  /** The summary of every activity the workflow scheduled, from its history. */
  private List<String> activitySummaries(String workflowId) {
    return t.client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
