package tomo.workers.temporal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The identity a training worker polls its task queue with: the client's own ({@code pid@host})
 * followed by its layout, e.g. {@code 4242@node7 tomo-training slots=16 threads=1 device=cpu}.
 * Temporal lists pollers by identity, so this is how {@code tomo sweep estimate} learns, without
 * any other channel, how many trainings the workers that are up run at once and on how many threads
 * each.
 *
 * @param base the client's identity
 * @param slots trainings the worker runs at once
 * @param threadsPerTraining intra-op threads of each training, if stated
 * @param device {@code cpu}, or {@code gpu:} and the device ids
 */
public record TrainingWorkerIdentity(
    String base, int slots, OptionalInt threadsPerTraining, String device) {
  private static final String MARK = " tomo-training ";

  private static final Pattern LAYOUT =
      Pattern.compile(" tomo-training slots=(\\d{1,6})(?: threads=(\\d{1,6}))? device=(\\S+)$");

  public TrainingWorkerIdentity {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(threadsPerTraining, "threadsPerTraining");
    Objects.requireNonNull(device, "device");
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, got " + slots);
    }
    if (device.isEmpty() || device.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("device must be one word, got '" + device + "'");
    }
  }

  /** The identity as the worker sends it. */
  public String format() {
    return base
        + MARK
        + "slots="
        + slots
        + (threadsPerTraining.isPresent() ? " threads=" + threadsPerTraining.getAsInt() : "")
        + " device="
        + device;
  }

  /** Whether the worker trains on a GPU. */
  public boolean onGpu() {
    return device.startsWith("gpu");
  }

  /**
   * Reads an identity a poller reported; empty for one that carries no layout (a tomo worker of an
   * earlier version, or any other process polling the queue).
   */
  public static Optional<TrainingWorkerIdentity> parse(String identity) {
    Matcher m = LAYOUT.matcher(identity);
    if (!m.find() || Integer.parseInt(m.group(1)) < 1) {
      return Optional.empty();
    }
    return Optional.of(
        new TrainingWorkerIdentity(
            identity.substring(0, m.start()),
            Integer.parseInt(m.group(1)),
            m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2))),
            m.group(3)));
  }
}
