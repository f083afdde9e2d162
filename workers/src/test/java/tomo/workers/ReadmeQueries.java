package tomo.workers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code temporal workflow list --query "…"} lines of the README ("In the Temporal UI"), for
 * the tests that run them against a server and the dashboard that links to them: what a person
 * copies from the README is what is tested.
 */
public final class ReadmeQueries {
  private static final Pattern LIST =
      Pattern.compile("temporal workflow list --query \"([^\"]+)\"");

  /** The README's example sweep and target, replaced by a test's own. */
  public static final String SWEEP = "small";

  public static final String TARGET = "band_gap";

  private ReadmeQueries() {}

  /** The query that lists a sweep's groups with failed cells, for {@code sweepId}. */
  public static String failedCells(String sweepId) {
    return one("TomoFailedCells").replace("'" + SWEEP + "'", "'" + sweepId + "'");
  }

  /** The query that lists the groups holding a target's trainings. */
  public static String targetTrainings(String sweepId, String target) {
    return one("TomoTarget")
        .replace("'" + SWEEP + "'", "'" + sweepId + "'")
        .replace("'" + TARGET + "'", "'" + target + "'");
  }

  private static String one(String naming) {
    List<String> found = all().stream().filter(q -> q.contains(naming)).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "README: expected one `temporal workflow list --query` naming "
              + naming
              + ", found "
              + found);
    }
    return found.get(0);
  }

  static List<String> all() {
    Matcher m = LIST.matcher(readme());
    List<String> queries = new java.util.ArrayList<>();
    while (m.find()) {
      queries.add(m.group(1));
    }
    return queries;
  }

  /** The repository's README.md, found from the working directory upwards. */
  public static String readme() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path readme = dir.resolve("README.md");
      if (Files.isRegularFile(readme) && Files.isDirectory(dir.resolve("workers"))) {
        try {
          return Files.readString(readme);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no README.md above " + Path.of("").toAbsolutePath());
  }
}
