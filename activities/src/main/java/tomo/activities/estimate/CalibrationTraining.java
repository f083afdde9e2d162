package tomo.activities.estimate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import tomo.activities.training.GraphModes;
import tomo.cgcnn.EpochProgress;
import tomo.cgcnn.Trainer;
import tomo.cgcnn.TrainingConfig;
import tomo.cgcnn.TrainingData;
import tomo.cgcnn.TrainingDataLoader;
import tomo.cgcnn.TrainingResult;
import tomo.hyper.HyperParameters;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.graph.GraphMode;
import tomo.materials.graph.GraphSettings;
import tomo.materials.io.AtomicFiles;
import tomo.workflows.model.Representation;

/**
 * A short real CGCNN training in this process that measures how many atoms per second one training
 * gets through here, for a sweep whose workers have not stored a training yet. It trains the
 * sweep's first target and representation with the sweep's hyper-parameters on a seeded random
 * subset of the sweep's materials, in a temporary directory that is deleted afterwards.
 */
public final class CalibrationTraining {
  /** Materials of a calibration: a few batches of 256 in the training part. */
  public static final int DEFAULT_MATERIALS = 1_000;

  /** Epochs of a calibration: the first pays for warm-up and is not counted. */
  public static final int DEFAULT_EPOCHS = 3;

  private static final long SUBSET_SEED = 0x7E57_CA11L;

  private CalibrationTraining() {}

  /**
   * What a calibration measured.
   *
   * @param atomsPerSecond training-part atoms ÷ mean seconds of an epoch after the first (an epoch
   *     includes its validation and test passes)
   * @param materials materials of the subset
   * @param epochs epochs trained
   * @param threads intra-op threads of the training
   * @param device the device that ran it
   * @param target the property trained
   * @param representation the graph representation
   */
  public record Result(
      double atomsPerSecond,
      int materials,
      int epochs,
      int threads,
      String device,
      String target,
      Representation representation) {}

  /**
   * Trains {@code target} ({@code representation}) for {@code epochs} epochs on at most {@code
   * materials} random rows of {@code dataset} that have a value of it.
   *
   * @param threads intra-op threads (0 = libtorch's default: every core)
   */
  public static Result run(
      Dataset dataset,
      String target,
      Representation representation,
      HyperParameters hyper,
      int materials,
      int epochs,
      int threads) {
    if (epochs < 1 || materials < 10) {
      throw new IllegalArgumentException(
          "a calibration needs at least 1 epoch and 10 materials, got %d and %d"
              .formatted(epochs, materials));
    }
    List<MaterialRow> subset = subset(dataset.rows(), target, materials);
    Dataset small = new Dataset(dataset.source(), dataset.contentSha256(), subset, List.of());
    GraphMode mode = GraphModes.of(representation);
    TrainingConfig config =
        TrainingConfig.paper(target, null, mode, 0, epochs).toBuilder()
            .batchSize(hyper.batchSize())
            .optimizer(hyper.optimizer(), hyper.learningRate())
            .milestone(hyper.milestone())
            .threads(threads)
            .build();
    Path work;
    try {
      work = Files.createTempDirectory("tomo-calibration");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a calibration directory: " + e, e);
    }
    try {
      TrainingData data =
          TrainingDataLoader.load(
              small, GraphSettings.of(mode), work.resolve("graphs"), List.of(target));
      TrainingResult r = new Trainer().train(config, data, work.resolve("checkpoints"), p -> {});
      TrainingWorkload w = TrainingWorkload.of(subset, target, null, 0);
      List<EpochProgress> h = r.history();
      List<EpochProgress> steady = h.size() > 1 ? h.subList(1, h.size()) : h;
      double seconds = steady.stream().mapToDouble(EpochProgress::seconds).average().orElseThrow();
      return new Result(
          w.trainAtoms() / seconds,
          subset.size(),
          epochs,
          r.environment().threads(),
          r.environment().device(),
          target,
          representation);
    } finally {
      delete(work);
    }
  }

  /**
   * Up to {@code n} rows with a {@code target} value, a seeded uniform choice kept in file order.
   */
  static List<MaterialRow> subset(List<MaterialRow> rows, String target, int n) {
    List<Integer> with = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).value(target).isPresent()) {
        with.add(i);
      }
    }
    if (with.size() < 10) {
      throw new IllegalArgumentException(
          "cannot calibrate on target %s: %d materials have a value"
              .formatted(target, with.size()));
    }
    SplittableRandom random = new SplittableRandom(SUBSET_SEED);
    for (int i = with.size() - 1; i > 0; i--) { // partial Fisher-Yates: the last n are the choice
      int j = random.nextInt(i + 1);
      Integer t = with.get(i);
      with.set(i, with.get(j));
      with.set(j, t);
      if (with.size() - i >= n) {
        break;
      }
    }
    List<Integer> chosen = new ArrayList<>(with.subList(Math.max(0, with.size() - n), with.size()));
    chosen.sort(Comparator.naturalOrder());
    List<MaterialRow> out = new ArrayList<>(chosen.size());
    for (int i : chosen) {
      out.add(rows.get(i));
    }
    return out;
  }

  private static void delete(Path dir) {
    try {
      AtomicFiles.deleteTree(dir);
    } catch (IOException e) {
      // a leftover temporary directory is harmless; the measurement stands
    }
  }
}
