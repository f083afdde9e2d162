package tomo.workflows.sweep;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.TrainingOutcome;
import tomo.workflows.model.TrainingReceipt;
import tomo.workflows.model.TrainingRequest;

/**
 * A training activity that returns at once (or after a pause), memoizes like the real one and
 * records what it was asked to do, so tests can check the orchestration.
 */
final class FakeTraining implements TrainingActivities {
  final Map<String, TrainingReceipt> done = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> trained = new ConcurrentHashMap<>();
  final Set<String> badProperties = ConcurrentHashMap.newKeySet();
  final List<String> orderViolations = new CopyOnWriteArrayList<>();
  final AtomicInteger running = new AtomicInteger();
  volatile long pauseMillis;

  static String key(TrainingRequest r) {
    return r.cell().label() + (r.maskedProperty() == null ? "" : "#masked=" + r.maskedProperty());
  }

  @Override
  public TrainingReceipt train(TrainingRequest request) {
    String key = key(request);
    TrainingReceipt memo = done.get(key);
    if (memo != null) {
      return new TrainingReceipt(memo.outcome(), memo.contentHash(), 0, 0, true);
    }
    if (!request.isBaseline() && request.maskedProperty() == null) {
      String baseline = request.cell().baseline().label();
      if (!done.containsKey(baseline) && !badProperties.contains(request.property())) {
        orderViolations.add(key + " started before " + baseline + " finished");
      }
    }
    if (request.property() != null && badProperties.contains(request.property())) {
      throw ApplicationFailure.newNonRetryableFailure(
          "row 7, field '" + request.property() + "': not a number", BAD_INPUT);
    }
    running.incrementAndGet();
    try {
      long end = System.currentTimeMillis() + pauseMillis;
      while (System.currentTimeMillis() < end) {
        Activity.getExecutionContext().heartbeat(null);
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      running.decrementAndGet();
    }
    trained.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    TrainingOutcome outcome =
        new TrainingOutcome(
            request.target(),
            request.property(),
            request.representation(),
            request.seed(),
            "mae",
            request.isBaseline() ? 1.0 : 0.9,
            3,
            "trainings/" + key);
    TrainingReceipt receipt =
        new TrainingReceipt(outcome, key, request.hyper().epochs(), 0.01, false);
    done.put(key, receipt);
    return receipt;
  }

  int trainings() {
    return trained.values().stream().mapToInt(AtomicInteger::get).sum();
  }
}
