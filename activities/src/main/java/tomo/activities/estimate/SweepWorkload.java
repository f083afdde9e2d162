package tomo.activities.estimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import tomo.activities.orchestration.GridCompleteness;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.RunEnvironment;
import tomo.activities.store.RunProvenance;
import tomo.activities.store.StoredTraining;
import tomo.materials.dataset.Dataset;
import tomo.workflows.model.DataWarnings;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

/**
 * What a sweep costs in crystals and atoms before it runs: every training of the spec ({@link
 * TrainingPlan#all}), which of them the artifact store already holds (memoized by content hash, so
 * never trained again), and the work of the rest, counted on the dataset as the trainer selects
 * materials ({@link TrainingWorkload}). No graph is built.
 *
 * @param datasetSha256 the dataset's content hash (part of every training's content hash)
 * @param materials dataset rows the sweep reads (after its limit)
 * @param epochs epochs of every training
 * @param all every training of the spec
 * @param remaining the trainings not yet stored
 * @param criticalPathAtomEpochs the longest chain a sweep must run in order whatever the number of
 *     workers (a baseline, then its augmented training), among the remaining trainings
 * @param untrainable trainings the trainer would refuse (a split part without materials, e.g. a
 *     target the dataset has no values of); in neither {@code all} nor {@code remaining}
 * @param measured the speed of each stored training of this spec that the cgcnn trainer made
 */
public record SweepWorkload(
    String datasetSha256,
    int materials,
    int epochs,
    WorkCount all,
    WorkCount remaining,
    long criticalPathAtomEpochs,
    Untrainable untrainable,
    List<MeasuredTraining> measured) {

  /**
   * Trainings of the spec that cannot run on this data.
   *
   * @param trainings how many
   * @param reasons why, one line per property without values (or target and property with too few)
   */
  public record Untrainable(long trainings, List<String> reasons) {}

  /** Trainings already stored: the spec's trainings minus the remaining ones. */
  public long alreadyDone() {
    return all.trainings() - remaining.trainings();
  }

  /**
   * Counts the sweep of {@code spec} on {@code dataset} (read with {@link #readOptions}), looking
   * finished trainings up in the spec's artifact store under {@code trainerId}'s content hashes.
   */
  public static SweepWorkload count(SweepSpec spec, Dataset read, String trainerId) {
    // the null control's column, so its cells count the materials they train on
    Dataset dataset = read.withColumns(spec.grid().cellProperties());
    ArtifactStore store = new ArtifactStore(Path.of(spec.runtime().artifactDir()));
    // the prepare step's record of the data, as far as the requests depend on it
    GridCompleteness completeness = GridCompleteness.of(spec, dataset);
    PreparedDataset data =
        new PreparedDataset(
            dataset.source().toString(),
            dataset.contentSha256(),
            dataset.size(),
            List.of(),
            DataWarnings.none(),
            completeness.incompleteRows(),
            completeness.missingValues());
    Map<String, TrainingWorkload> workloads = new HashMap<>();
    WorkCount all = WorkCount.NONE;
    WorkCount remaining = WorkCount.NONE;
    TreeSet<String> untrainable = new TreeSet<>();
    List<MeasuredTraining> measured = new ArrayList<>();
    long untrainableCount = 0;
    Map<String, Boolean> hasValues = new HashMap<>();
    long critical = 0;
    long lastBaseline = 0;
    for (TrainingRequest request : TrainingPlan.all(spec, data)) {
      String extra = request.property() != null ? request.property() : request.maskedProperty();
      TrainingWorkload w =
          workloads.computeIfAbsent(
              request.target() + "|" + extra + "|" + request.seed(),
              k -> TrainingWorkload.of(dataset.rows(), request.target(), extra, request.seed()));
      if (!w.trainable()) {
        untrainableCount++;
        untrainable.add(reason(dataset, hasValues, request.target(), extra, w));
        continue;
      }
      int epochs = request.epochsToTrain(); // a fine-tuning runs its fine-tuning epochs only
      all = all.plus(w, epochs);
      Optional<StoredTraining> stored = store.find(ContentHash.of(request, trainerId));
      long own = 0;
      if (stored.isPresent()) {
        measure(stored.get(), w, trainerId).ifPresent(measured::add);
      } else {
        remaining = remaining.plus(w, epochs);
        own = w.trainAtoms() * epochs;
      }
      // TrainingPlan lists each baseline before the augmented trainings that wait for it (a
      // fine-tuned sweep's cells wait for its full baseline, not for the control)
      if (request.isPretrain() || (request.isBaseline() && !request.isFinetune())) {
        lastBaseline = own;
      } else {
        critical = Math.max(critical, lastBaseline + own);
      }
      critical = Math.max(critical, own);
    }
    return new SweepWorkload(
        dataset.contentSha256(),
        dataset.size(),
        spec.training().hyper().epochs(),
        all,
        remaining,
        critical,
        new Untrainable(untrainableCount, List.copyOf(untrainable)),
        List.copyOf(measured));
  }

  /** Names a property without any value once, however many trainings it spoils. */
  private static String reason(
      Dataset dataset,
      Map<String, Boolean> hasValues,
      String target,
      String extra,
      TrainingWorkload w) {
    for (String name : new String[] {target, extra}) {
      if (name != null
          && !hasValues.computeIfAbsent(
              name, n -> dataset.rows().stream().anyMatch(r -> r.value(n).isPresent()))) {
        return name + ": no material has a value";
      }
    }
    return target
        + (extra == null ? "" : " with " + extra)
        + ": "
        + (w.trainCrystals() + w.validationCrystals() + w.testCrystals())
        + " materials with values, too few to split 60/20/20";
  }

  private static Optional<MeasuredTraining> measure(
      StoredTraining t, TrainingWorkload w, String trainerId) {
    if (!trainerId.equals(t.trainer()) || t.epochs() < 1 || !(t.trainSeconds() > 0)) {
      return Optional.empty(); // nothing trained in that run (all resumed) or another trainer
    }
    Optional<RunEnvironment> env = t.provenance().map(RunProvenance::environment);
    return Optional.of(
        new MeasuredTraining(
            (double) w.trainAtoms() * t.epochs() / t.trainSeconds(),
            env.map(RunEnvironment::threads).orElse(0),
            env.map(RunEnvironment::device).orElse("unknown"),
            // files written before the worker's concurrency was kept ran one training at a time
            env.map(RunEnvironment::concurrency).orElse(1)));
  }
}
