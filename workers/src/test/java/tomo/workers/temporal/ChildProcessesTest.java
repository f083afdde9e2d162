package tomo.workers.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A test's processes end with their descendants: no orphan outlives the test that started it. */
class ChildProcessesTest {
  @Test
  void closeKillsTheProcessAndWhatItStarted() throws Exception {
    List<ProcessHandle> tree;
    try (ChildProcesses processes = new ChildProcesses()) {
      // a shell that starts a long-lived child, as a launcher script starts a JVM
      Process shell =
          processes.start(new ProcessBuilder("sh", "-c", "sleep 600 & sleep 600; wait"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> shell.toHandle().descendants().count() >= 2);
      tree = shell.toHandle().descendants().toList();
      tree =
          java.util.stream.Stream.concat(
                  tree.stream(), java.util.stream.Stream.of(shell.toHandle()))
              .toList();
    }
    assertThat(tree).hasSizeGreaterThanOrEqualTo(3).noneMatch(ProcessHandle::isAlive);
  }
}
