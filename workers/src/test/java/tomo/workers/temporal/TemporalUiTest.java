package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.training.BadInputException;
import tomo.activities.training.CellTrainer;
import tomo.activities.training.EpochListener;
import tomo.activities.training.SyntheticTrainer;
import tomo.activities.training.TrainingRun;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.DatasetLocation;
import tomo.workers.ReadmeQueries;
import tomo.workflows.client.SweepClient;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainerKind;
import tomo.workflows.model.TrainingRequest;

/**
 * What a person finds of a sweep in Temporal, on the real dev server with its bundled Web UI: a
 * tiny synthetic sweep (band_gap and volume, density added, both representations, one seed) whose
 * one cell, band_gap + density in composition, fails on bad input. The README's {@code temporal
 * workflow list --query} lines list exactly that cell's group, and a target's groups; every
 * training's summary is in the history; the Web UI, opened in headless Chromium, shows a group's
 * summary and its trainings' summaries. Skipped without the Temporal CLI (and, outside CI, without
 * Chromium).
 */
class TemporalUiTest {
  private static final String SWEEP = "ui-story";
  private static final String FAILING = "band_gap/density/composition/0";
  private static final String FAILED_GROUP = SWEEP + "/band_gap/composition/r0";

  /** Screenshots and DOM dumps of the Web UI, kept after the run. */
  private static final Path ARTIFACTS = Path.of("target", "temporal-ui");

  @TempDir static Path dir;
  private static DevServer server;
  private static WorkflowClient client;
  private static TomoWorkers workers;

  private static final ChildProcesses browsers = new ChildProcesses();

  /** The synthetic trainer, failing one cell on bad input as a broken row would. */
  private static final class FailingCellTrainer implements CellTrainer {
    private final SyntheticTrainer inner = new SyntheticTrainer(Duration.ZERO);

    @Override
    public String id() {
      return inner.id();
    }

    @Override
    public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
        throws BadInputException, InterruptedException {
      if (request.cell().label().equals(FAILING)) {
        throw new BadInputException("row 3, field 'density': not a number");
      }
      return inner.train(request, checkpointDir, listener);
    }
  }

  @BeforeAll
  static void runSweepUntilItWaitsForARetry() throws Exception {
    Optional<Path> binary = DevServer.findBinary();
    Assumptions.assumeTrue(
        binary.isPresent(),
        "Temporal CLI not found (PATH, $TEMPORAL_CLI, ~/go/bin): run .ci/install-temporal.sh;"
            + " Temporal UI tests skipped");
    server = new DevServer(binary.get(), dir, true);
    client = TemporalOptions.connect(server.target(), "default");
    workers =
        new TomoWorkers(
            client,
            TomoWorkerOptions.builder()
                .orchestration(Set.of("band_gap", "volume", "density"))
                .training(new FailingCellTrainer(), 4)
                .build());
    SweepSpec spec =
        SweepSpec.builder()
            .name(SWEEP)
            .dataset(DatasetLocation.resolve(null).toString())
            .targets(List.of("band_gap", "volume"))
            .properties(List.of("density"))
            .representations(List.of(Representation.STRUCTURE, Representation.COMPOSITION))
            .seeds(List.of(0))
            .hyper(HyperParameters.paper(3))
            .baseline(BaselineMode.SHARED)
            // the summaries and groups counted below are the grid's; the null control is tested
            // elsewhere
            .nullControl(NullControl.NONE)
            .limit(20)
            .artifactDir(dir.resolve("artifacts").toString())
            .retryWindowMinutes(60)
            .heartbeatSeconds(60)
            .build()
            .withTrainer(TrainerKind.SYNTHETIC)
            .normalized(SWEEP);
    SweepClient sweeps = new SweepClient(client);
    sweeps.startOrAttach(SWEEP, spec);
    await()
        .atMost(Duration.ofMinutes(6))
        .until(() -> sweeps.progress(SWEEP).status() == SweepStatus.WAITING_FOR_RETRY);
    assertThat(sweeps.progress(SWEEP).failed()).isEqualTo(1);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    try {
      browsers.close();
      if (workers != null) {
        workers.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @Test
  void theReadmesQueriesListTheFailedCellsGroupAndATargetsGroups() throws Exception {
    // visibility follows the workflows a moment later: asked until it agrees, within a deadline
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> assertThat(list(ReadmeQueries.failedCells(SWEEP))).containsExactly(FAILED_GROUP));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(list(ReadmeQueries.targetTrainings(SWEEP, "band_gap")))
                    .containsExactly(
                        SWEEP + "/band_gap/composition/r0", SWEEP + "/band_gap/structure/r0"));

    // the SDK's ListWorkflowExecutions finds the same, and the sweep's own attributes say why
    assertThat(
            client
                .listExecutions(ReadmeQueries.failedCells(SWEEP))
                .map(e -> e.getExecution().getWorkflowId())
                .toList())
        .containsExactly(FAILED_GROUP);
    assertThat(list("TomoSweep = '" + SWEEP + "' AND TomoState = 'waiting_for_retry'"))
        .containsExactly(SWEEP);
  }

  @Test
  void everyTrainingGroupAndTheSweepHaveTheirSummary() {
    assertThat(activitySummaries(FAILED_GROUP))
        .containsExactlyInAnyOrder(
            "band_gap · composition · seed 0 · baseline",
            "band_gap + density · composition · seed 0 · augmented");
    assertThat(activitySummaries(SWEEP + "/volume/structure/r0"))
        .containsExactlyInAnyOrder(
            "volume · structure · seed 0 · baseline",
            "volume + density · structure · seed 0 · augmented");
    assertThat(client.newUntypedWorkflowStub(FAILED_GROUP).describe().getStaticSummary())
        .isEqualTo("band_gap · composition: 2 trainings");
    assertThat(client.newUntypedWorkflowStub(SWEEP).describe().getStaticSummary())
        .isEqualTo(
            "sweep ui-story: 8 trainings (2 targets × 1 property × 2 representations × 1 seed,"
                + " shared baseline)");
    WorkflowMetadata metadata =
        client
            .newUntypedWorkflowStub(SWEEP)
            .query("__temporal_workflow_metadata", WorkflowMetadata.class);
    assertThat(metadata.getCurrentDetails())
        .startsWith("waiting_for_retry · 7/8 done · 0 running · 1 failed · 0 pending");
  }

  /**
   * The Web UI's page of the failed group, rendered by headless Chromium (the DOM after the page's
   * scripts fetched the workflow from the server): its summary and its trainings'.
   */
  @Test
  void theWebUiShowsTheGroupsAndTheTrainingsSummaries() throws Exception {
    Path chromium = chromiumOrSkip();
    Files.createDirectories(ARTIFACTS);
    String runId = client.newUntypedWorkflowStub(FAILED_GROUP).describe().getExecution().getRunId();
    String url =
        server.uiUrl()
            + "/namespaces/default/workflows/"
            + URLEncoder.encode(FAILED_GROUP, StandardCharsets.UTF_8)
            + "/"
            + runId
            + "/history";
    String dom = browse(chromium, url, List.of("--dump-dom"), "group-dom");
    Files.writeString(ARTIFACTS.resolve("group.html"), dom);
    assertThat(dom)
        .as("the group's page (%s, kept in %s)", url, ARTIFACTS.resolve("group.html"))
        .contains("band_gap · composition: 2 trainings")
        .contains("band_gap + density · composition · seed 0 · augmented");
    Path png = ARTIFACTS.resolve("group.png").toAbsolutePath();
    browse(chromium, url, List.of("--screenshot=" + png, "--window-size=1400,1600"), "group-png");
    assertThat(png).isNotEmptyFile();
  }

  /** The ids the {@code temporal workflow list --query} of the README prints, sorted. */
  private static List<String> list(String query) throws IOException, InterruptedException {
    Process p =
        browsers.start(
            new ProcessBuilder(
                    server.binary().toString(),
                    "workflow",
                    "list",
                    "--address",
                    server.target(),
                    "--namespace",
                    "default",
                    "--query",
                    query,
                    "--output",
                    "jsonl")
                .redirectErrorStream(true));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      fail("temporal workflow list --query \"" + query + "\" failed: " + out);
    }
    // one execution per line; its workflow id under execution.workflowId
    Set<String> ids = new TreeSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        ids.add(json.readTree(line).path("execution").path("workflowId").asText());
      }
    }
    return List.copyOf(ids);
  }

  private static List<String> activitySummaries(String workflowId) {
    return client.fetchHistory(workflowId).getEvents().stream()
        .filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }

  /** Debian's chromium; a failure in CI, where .ci/run installs it, a skip elsewhere. */
  private static Path chromiumOrSkip() {
    String configured = System.getenv("TOMO_CHROMIUM");
    for (String name :
        configured != null ? List.of(configured) : List.of("chromium", "chromium-browser")) {
      for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path p = Path.of(d).resolve(name);
        if (!d.isEmpty() && Files.isExecutable(p)) {
          return p;
        }
      }
    }
    String reason = "no headless browser (apt-get install chromium, or set TOMO_CHROMIUM)";
    if (System.getenv("CI") != null) {
      fail(reason + "; CI is set, so this is a failure");
    }
    Assumptions.abort(reason);
    return null;
  }

  /**
   * Loads {@code url} in headless Chromium and returns what it printed. The UI is a JavaScript app:
   * the virtual time budget lets its scripts fetch the workflow and render before the dump (virtual
   * time does not run on while requests are in flight).
   */
  private static String browse(Path chromium, String url, List<String> action, String name)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(chromium.toString());
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // tests run as root in containers, where the sandbox cannot start
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--user-data-dir=" + dir.resolve(name + "-profile"),
            "--virtual-time-budget=30000"));
    command.addAll(action);
    command.add(url);
    Path out = dir.resolve(name + ".out");
    Process p =
        browsers.start(
            new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(dir.resolve(name + ".err").toFile()));
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      fail("chromium did not finish within 5 min: " + command);
    }
    return Files.readString(out);
  }
}
