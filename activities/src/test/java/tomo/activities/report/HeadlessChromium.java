package tomo.activities.report;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium} run headless on a local file: a screenshot, the DOM after its scripts
 * ran, and the page's console messages (from Chromium's own log on stderr).
 */
final class HeadlessChromium {
  /** Enough for a cold start on a loaded machine; only a hung browser takes this long. */
  private static final long HANG_MINUTES = 5;

  private final String executable;
  private final Path work;

  private HeadlessChromium(String executable, Path work) {
    this.executable = executable;
    this.work = work;
  }

  /**
   * The browser on PATH ({@code TOMO_CHROMIUM} names another); skips the test when there is none,
   * except in CI (the {@code CI} variable set), where that is a failure.
   */
  static HeadlessChromium findOrSkip(Path work) {
    String configured = System.getenv("TOMO_CHROMIUM");
    List<String> candidates =
        configured != null ? List.of(configured) : List.of("chromium", "chromium-browser");
    for (String candidate : candidates) {
      Path found = onPath(candidate);
      if (found != null) {
        return new HeadlessChromium(found.toString(), work);
      }
    }
    String reason =
        "no headless browser: install Debian's chromium (apt-get install chromium) or set"
            + " TOMO_CHROMIUM; tried "
            + candidates;
    if (System.getenv("CI") != null) {
      fail(reason + " (CI is set, so this is a failure)");
    }
    Assumptions.abort(reason);
    return null; // not reached
  }

  private static Path onPath(String name) {
    Path direct = Path.of(name);
    if (direct.isAbsolute()) {
      return Files.isExecutable(direct) ? direct : null;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir).resolve(name);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  /** What one page load produced. */
  record Page(String dom, List<String> consoleMessages) {}

  /** Takes a screenshot of {@code html} into {@code png}; returns the console messages. */
  List<String> screenshot(Path html, Path png, int width, int height)
      throws IOException, InterruptedException {
    return run(
            html,
            List.of("--screenshot=" + png, "--window-size=" + width + "," + height),
            "screenshot")
        .consoleMessages();
  }

  /** Loads {@code html} and returns its DOM after the scripts ran. */
  Page dumpDom(Path html) throws IOException, InterruptedException {
    return run(html, List.of("--dump-dom"), "dom");
  }

  private Page run(Path html, List<String> extra, String name)
      throws IOException, InterruptedException {
    Path stdout = work.resolve(name + ".out");
    Path stderr = work.resolve(name + ".err");
    List<String> command = new ArrayList<>();
    command.add(executable);
    command.addAll(
        List.of(
            "--headless",
            "--no-sandbox", // tests run as root in containers, where the sandbox cannot start
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--user-data-dir=" + work.resolve(name + "-profile"),
            "--enable-logging=stderr",
            "--v=0"));
    command.addAll(extra);
    command.add(html.toUri().toString());
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile())
            .start();
    try {
      if (!p.waitFor(HANG_MINUTES, TimeUnit.MINUTES)) {
        fail("chromium did not finish within " + HANG_MINUTES + " min: " + command);
      }
      if (p.exitValue() != 0) {
        fail("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr));
      }
    } finally {
      p.destroyForcibly();
      p.waitFor();
    }
    // Chromium logs every console message of the page as "...:CONSOLE:<line>] "message", source:"
    List<String> console =
        Files.readAllLines(stderr).stream().filter(l -> l.contains(":CONSOLE")).toList();
    return new Page(Files.readString(stdout), console);
  }
}
