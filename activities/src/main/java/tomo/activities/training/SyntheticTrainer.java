package tomo.activities.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tomo.activities.store.EpochPoint;
import tomo.materials.io.AtomicFiles;
import tomo.materials.io.Sha256;
import tomo.workflows.model.TrainingRequest;

/**
 * A trainer that trains nothing: it produces deterministic learning curves from a hash of the
 * request, with an optional pause per epoch. It exists to measure and test the orchestration (scale
 * benchmarks, fault tests, resume from checkpoint) without the cost of real trainings; its numbers
 * mean nothing about materials, and its id keeps them apart from real results in the store.
 *
 * <p>It behaves like a real trainer where orchestration can tell: it checkpoints after every epoch,
 * resumes from the last checkpoint, and the final result of a resumed training equals that of an
 * uninterrupted one.
 */
public final class SyntheticTrainer implements CellTrainer {
  /** Checkpoint file name inside a training's checkpoint directory. */
  public static final String CHECKPOINT = "synthetic-checkpoint.json";

  /** Name and version, part of every content hash of its results. */
  public static final String ID = "synthetic-v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Duration epochPause;
  private final Set<String> badProperties = ConcurrentHashMap.newKeySet();

  /**
   * @param epochPause time each epoch takes ({@link Duration#ZERO}: return at once)
   */
  public SyntheticTrainer(Duration epochPause) {
    this.epochPause = epochPause;
  }

  /** Marks a property as bad input: trainings that use it fail non-retryably until cleared. */
  public void markBad(String property) {
    badProperties.add(property);
  }

  /** Clears a bad-input mark (the input was "fixed"). */
  public void clearBad(String property) {
    badProperties.remove(property);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Where the synthetic learning curve stands after an epoch.
   *
   * @param history the curve so far; null in checkpoints written before it was kept
   */
  record Checkpoint(int epoch, double bestVal, int bestEpoch, List<EpochPoint> history) {}

  @Override
  public TrainingRun train(TrainingRequest request, Path checkpointDir, EpochListener listener)
      throws BadInputException, InterruptedException {
    for (String p : new String[] {request.property(), request.maskedProperty(), request.target()}) {
      if (p != null && badProperties.contains(p)) {
        throw new BadInputException(
            request.datasetPath() + ": field '" + p + "': marked as bad input (synthetic trainer)");
      }
    }
    Path file = checkpointDir.resolve(CHECKPOINT);
    Checkpoint state = read(file);
    if (state.epoch() > 0) {
      listener.resumed(state.epoch(), state.bestVal());
    }
    double level = level(request);
    List<EpochPoint> history = new ArrayList<>();
    if (state.history() != null) {
      history.addAll(state.history());
    } else {
      // an older checkpoint without the curve: the curve is a function of the request, redraw it
      for (int epoch = 1; epoch <= state.epoch(); epoch++) {
        history.add(point(request, level, epoch));
      }
    }
    int epochs = request.epochsToTrain();
    long started = System.nanoTime();
    int trained = 0;
    for (int epoch = state.epoch() + 1; epoch <= epochs; epoch++) {
      long t0 = System.nanoTime();
      if (!epochPause.isZero()) {
        Thread.sleep(epochPause.toMillis());
      }
      EpochPoint point = point(request, level, epoch);
      double val = point.valMetric();
      history.add(point);
      if (state.epoch() == 0 || val < state.bestVal()) {
        state = new Checkpoint(epoch, val, epoch, history);
      } else {
        state = new Checkpoint(epoch, state.bestVal(), state.bestEpoch(), history);
      }
      write(file, state);
      trained++;
      listener.epochDone(
          epoch, point.trainLoss(), val, state.bestVal(), (System.nanoTime() - t0) / 1e9);
    }
    double test = state.bestVal() * (1 + 0.01 * unit(request, "test"));
    return new TrainingRun(
        metric(request.target()),
        test,
        state.bestEpoch(),
        trained,
        (System.nanoTime() - started) / 1e9,
        Optional.empty(), // no engine ran: the trainer id says the numbers are synthetic
        history);
  }

  /**
   * One epoch of the curve: decaying values with deterministic wiggles, each depending only on the
   * request and the epoch, so a resumed training ends as an uninterrupted one.
   */
  private static EpochPoint point(TrainingRequest request, double level, int epoch) {
    double val = level * (1 + 1.0 / epoch) * (1 + 0.02 * unit(request, "epoch" + epoch));
    double loss = (0.3 + 0.7 / epoch) * (1 + 0.02 * unit(request, "loss" + epoch));
    return new EpochPoint(epoch, loss, val);
  }

  /**
   * The error level: a per-(target, representation) baseline, lowered for an added property by a
   * per-(target, property, representation) effect between -5 % and +30 %, with seed noise.
   */
  private static double level(TrainingRequest r) {
    double base = 0.2 + 0.3 * (unit(key(r.target(), r.representation().label()), "base") + 1);
    if (r.property() != null) {
      double effect =
          0.125
              + 0.175
                  * unit(
                      key(r.target(), r.property() + "|" + r.representation().label()), "effect");
      base *= 1 - effect;
    }
    return base
        * (1
            + 0.03
                * unit(
                    key(
                        r.target(),
                        r.property() + "|" + r.representation().label() + "|" + r.seed()),
                    "seed"));
  }

  private static String metric(String target) {
    return target.equals("spacegroup.crystal_system")
            || target.equals("is_hubbard")
            || target.equals("oxide_type")
        ? "error_rate"
        : "mae";
  }

  private static String key(String a, String b) {
    return a + "|" + b;
  }

  private static double unit(TrainingRequest r, String salt) {
    return unit(
        key(
            r.target(),
            r.property()
                + "|"
                + r.maskedProperty()
                + "|"
                + r.representation().label()
                + "|"
                + r.seed()),
        salt);
  }

  /** A deterministic number in [-1, 1) from a string. */
  private static double unit(String key, String salt) {
    byte[] d = Sha256.of(key + "#" + salt);
    long bits = 0;
    for (int i = 0; i < 7; i++) {
      bits = (bits << 8) | (d[i] & 0xff);
    }
    return bits / (double) (1L << 55) - 1;
  }

  private static Checkpoint read(Path file) {
    try {
      return Files.exists(file)
          ? JSON.readValue(file.toFile(), Checkpoint.class)
          : new Checkpoint(0, 0, 0, List.of());
    } catch (IOException e) {
      // an unreadable checkpoint is not a result: start over rather than fail the training
      return new Checkpoint(0, 0, 0, List.of());
    }
  }

  private static void write(Path file, Checkpoint state) {
    try {
      AtomicFiles.write(file, JSON.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot write checkpoint " + file, e);
    }
  }
}
