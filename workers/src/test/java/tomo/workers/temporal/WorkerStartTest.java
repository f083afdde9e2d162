package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import tomo.activities.training.SyntheticTrainer;

/** A worker started while its server is down (or restarting) waits for it instead of exiting. */
class WorkerStartTest {
  @Test
  void aWorkerStartedBeforeItsServerWaitsAndThenRuns() throws Exception {
    int port = EmbeddedServer.freePort();
    WorkflowClient client = TemporalOptions.connect("127.0.0.1:" + port, "default");
    ExecutorService starter = Executors.newSingleThreadExecutor();
    try {
      Future<TomoWorkers> starting =
          starter.submit(
              () ->
                  new TomoWorkers(
                      client,
                      TomoWorkerOptions.builder()
                          .orchestration(Set.of("band_gap", "volume"))
                          .training(new SyntheticTrainer(Duration.ZERO), 1)
                          .renderHeatmaps(false)
                          .disableSticky(true)
                          .build()));
      // no server yet: still waiting, not failed
      assertThatThrownBy(() -> starting.get(3, TimeUnit.SECONDS))
          .isInstanceOf(TimeoutException.class);

      try (EmbeddedServer server = new EmbeddedServer(port);
          TomoWorkers workers = starting.get(2, TimeUnit.MINUTES)) {
        assertThat(workers).isNotNull();
      }
    } finally {
      starter.shutdownNow();
    }
  }
}
