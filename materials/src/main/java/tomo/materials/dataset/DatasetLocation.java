package tomo.materials.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the dataset file is: an explicit path (a command-line flag) wins, then the environment
 * variable {@value #ENV}, then the system property {@value #PROPERTY}, then the shared dataset
 * beside the repository ({@value #DEFAULT_RELATIVE}, relative to the tomo home directory).
 */
public final class DatasetLocation {
  /** Environment variable naming the dataset file. */
  public static final String ENV = "TOMO_DATASET";

  /** System property naming the dataset file (set by the build for tests). */
  public static final String PROPERTY = "tomo.dataset";

  /** The shared dataset, relative to the repository root. */
  public static final String DEFAULT_RELATIVE =
      "../shared/datasets/mp2020-36k/materials_project.csv.gz";

  private DatasetLocation() {}

  /**
   * Resolves the dataset path and checks that it is a readable file.
   *
   * @param explicit a path given on the command line, or null
   * @throws DatasetNotFoundException naming every place that was looked at
   */
  public static Path resolve(Path explicit) {
    Path chosen;
    String how;
    if (explicit != null) {
      chosen = explicit;
      how = "given on the command line";
    } else if (System.getenv(ENV) != null && !System.getenv(ENV).isBlank()) {
      chosen = Path.of(System.getenv(ENV));
      how = "from $" + ENV;
    } else if (System.getProperty(PROPERTY) != null) {
      chosen = Path.of(System.getProperty(PROPERTY));
      how = "from -D" + PROPERTY;
    } else {
      Path home = Path.of(System.getProperty("tomo.home", "."));
      chosen = home.resolve(DEFAULT_RELATIVE).normalize();
      how = "the default beside the repository";
    }
    if (!Files.isRegularFile(chosen) || !Files.isReadable(chosen)) {
      throw new DatasetNotFoundException(
          "dataset file %s (%s) does not exist or is not readable; pass a path, or set $%s to the"
                  .formatted(chosen.toAbsolutePath(), how, ENV)
              + " materials_project.csv(.gz) to use (the shared one is "
              + DEFAULT_RELATIVE
              + ")");
    }
    return chosen;
  }

  /** The dataset file could not be found. */
  public static final class DatasetNotFoundException extends RuntimeException {
    public DatasetNotFoundException(String message) {
      super(message);
    }
  }
}
