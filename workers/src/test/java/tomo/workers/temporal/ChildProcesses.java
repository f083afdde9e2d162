package tomo.workers.temporal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The processes a test starts, ended with everything they started whatever happens to the test: in
 * {@link #close} (call it from {@code finally} or an {@code @AfterAll}) and, should the test JVM be
 * stopped before that, from a shutdown hook. A killed test must not leave a worker JVM behind.
 */
final class ChildProcesses implements AutoCloseable {
  private final List<Process> started = new CopyOnWriteArrayList<>();
  private final Thread hook = new Thread(this::killAll, "kill-test-processes");

  ChildProcesses() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code builder}'s process and keeps it to end later. */
  Process start(ProcessBuilder builder) throws IOException {
    Process p = builder.start();
    started.add(p);
    return p;
  }

  /** SIGKILLs a process and its descendants (collected first: once it dies they are orphans). */
  static void killTree(ProcessHandle process) {
    List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : tree) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception stillGoing) {
        // a process that outlives SIGKILL for 10 s is the kernel's business; go on with the rest
      }
    }
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (Exception stillGoing) {
      // as above
    }
  }

  /** Kills every process started here that is still alive, with its descendants. */
  void killAll() {
    for (Process p : started) {
      killTree(p.toHandle());
    }
  }

  @Override
  public void close() {
    killAll();
    started.clear();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or about to: it does the same
    }
  }
}
