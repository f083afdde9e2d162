package tomo.activities.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import tomo.materials.io.AtomicFiles;

/**
 * A directory (a shared filesystem in a cluster) holding finished trainings by content hash,
 * checkpoints and reports:
 *
 * <pre>
 * trainings/ab/abcdef….json   one finished training, written atomically
 * checkpoints/abcdef…/        the trainer's checkpoints of a running training
 * reports/SWEEP_ID/           heatmaps, tables, outcomes
 * </pre>
 *
 * A result file is either absent or complete: it is written to a temporary file and renamed, so a
 * worker killed mid-write never leaves half a result that would be taken as done.
 */
public final class ArtifactStore {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path root;

  public ArtifactStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Where the training of {@code hash} is (or will be) stored. */
  public Path resultFile(String hash) {
    return root.resolve("trainings").resolve(hash.substring(0, 2)).resolve(hash + ".json");
  }

  /** The finished training of {@code hash}, if any. */
  public Optional<StoredTraining> find(String hash) {
    Path file = resultFile(hash);
    try {
      return Optional.of(JSON.readValue(Files.readAllBytes(file), StoredTraining.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read training result " + file + ": " + e.getMessage(), e);
    }
  }

  /** Stores a finished training atomically; returns its file. */
  public Path save(StoredTraining training) {
    Path file = resultFile(training.contentHash());
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(training));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write training result " + file + ": " + e.getMessage(), e);
    }
  }

  /** The checkpoint directory of one training, created when missing. */
  public Path checkpointDir(String hash) {
    Path dir = root.resolve("checkpoints").resolve(hash);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create checkpoint dir " + dir, e);
    }
  }

  /** The report directory of a sweep (not created). */
  public Path reportDir(String sweepId) {
    return root.resolve("reports").resolve(sweepId.replaceAll("[^A-Za-z0-9_.-]", "_"));
  }

  /** The JSON mapper used for store files. */
  public static ObjectMapper json() {
    return JSON;
  }
}
