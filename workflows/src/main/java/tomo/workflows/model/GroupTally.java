package tomo.workflows.model;

import java.util.ArrayList;
import java.util.List;

/**
 * What one (target, representation) group has done so far; carried across continue-as-new.
 *
 * @param done trainings finished (each counted once, memoized ones included)
 * @param memoized of those, results found in the artifact store without training
 * @param failures trainings failed for good
 * @param trainedEpochs epochs actually trained (for the ETA)
 * @param trainSeconds wall time of those epochs
 * @param countedBaselineSeeds seeds whose shared baseline is already counted (or not to count)
 * @param failedBaselineSeeds seeds whose shared baseline failed for good
 * @param maxHistoryLength the largest history (events) any run of the group reached
 */
public record GroupTally(
    long done,
    long memoized,
    List<CellFailure> failures,
    long trainedEpochs,
    double trainSeconds,
    List<Integer> countedBaselineSeeds,
    List<Integer> failedBaselineSeeds,
    long maxHistoryLength) {

  public static GroupTally empty(List<Integer> countedBaselineSeeds) {
    return new GroupTally(0, 0, List.of(), 0, 0, List.copyOf(countedBaselineSeeds), List.of(), 0);
  }

  /** A mutable copy for the workflow to update. */
  public Mutable toMutable() {
    Mutable m = new Mutable();
    m.done = done;
    m.memoized = memoized;
    m.failures.addAll(failures);
    m.trainedEpochs = trainedEpochs;
    m.trainSeconds = trainSeconds;
    m.countedBaselineSeeds.addAll(countedBaselineSeeds);
    m.failedBaselineSeeds.addAll(failedBaselineSeeds);
    m.maxHistoryLength = maxHistoryLength;
    return m;
  }

  /** Workflow-local accumulator; frozen back into a record for results and continue-as-new. */
  public static final class Mutable {
    public long done;
    public long memoized;
    public final List<CellFailure> failures = new ArrayList<>();
    public long trainedEpochs;
    public double trainSeconds;
    public final List<Integer> countedBaselineSeeds = new ArrayList<>();
    public final List<Integer> failedBaselineSeeds = new ArrayList<>();
    public long maxHistoryLength;

    public GroupTally freeze() {
      return new GroupTally(
          done,
          memoized,
          List.copyOf(failures),
          trainedEpochs,
          trainSeconds,
          List.copyOf(countedBaselineSeeds),
          List.copyOf(failedBaselineSeeds),
          maxHistoryLength);
    }
  }
}
