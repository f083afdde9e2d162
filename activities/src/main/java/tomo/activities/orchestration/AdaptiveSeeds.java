package tomo.activities.orchestration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tomo.activities.report.MeanChangeInterval;
import tomo.activities.report.SweepAggregator;
import tomo.activities.store.ArtifactStore;
import tomo.activities.store.ContentHash;
import tomo.activities.store.StoredTraining;
import tomo.materials.io.AtomicFiles;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.MoreSeeds;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingRequest;
import tomo.workflows.sweep.TrainingPlan;

/**
 * The decisions of adaptive seeds ({@link MoreSeeds}), one file per (target, representation) under
 * the sweep's report folder ({@code adaptive-seeds/TARGET__REPRESENTATION.json}), written
 * atomically after each round's decision. The file is the state: a decision asked again for a round
 * it holds (a retried activity, a replayed workflow) returns what was decided then, so every seed
 * is added once; and the report reads it to know which cells have which seeds, and why.
 */
public final class AdaptiveSeeds {
  /** Folder of the decision files in a sweep's report folder. */
  public static final String DIR = "adaptive-seeds";

  /** The table of every decision, written beside the report. */
  public static final String CSV = "adaptive-seeds.csv";

  /**
   * One cell's verdict in a round.
   *
   * @param property the cell's property
   * @param seeds the seeds it had when judged
   * @param verdict why it is settled or open (or why it could not be judged)
   * @param added whether it got the round's seed
   */
  public record Decision(String property, List<Integer> seeds, String verdict, boolean added) {}

  /**
   * One round of one (target, representation).
   *
   * @param round 1, 2, …
   * @param seed the seed the round adds
   * @param decisions one per cell judged
   */
  public record Round(int round, int seed, List<Decision> decisions) {}

  /** The rounds of one (target, representation) so far. */
  public record GroupLog(String target, Representation representation, List<Round> rounds) {}

  private AdaptiveSeeds() {}

  /**
   * The cells of {@code round} for (target, representation): the open cells of the previous round
   * (every cell before round 1) with round's seed. Decided once; asked again, the same answer.
   */
  public static List<CellKey> decide(
      ArtifactStore store,
      String trainerId,
      String sweepId,
      SweepSpec spec,
      PreparedDataset data,
      String target,
      Representation representation,
      int round) {
    MoreSeeds more = spec.grid().moreSeeds();
    if (more == null) {
      return List.of();
    }
    Path file = file(store, sweepId, target, representation);
    GroupLog log = read(file).orElse(new GroupLog(target, representation, List.of()));
    int seed = spec.grid().seedOfRound(round);
    for (Round r : log.rounds()) {
      if (r.round() == round) {
        return cells(target, representation, r);
      }
    }
    if (round != log.rounds().size() + 1) {
      throw new IllegalStateException(
          "%s: round %d asked, %d decided".formatted(file, round, log.rounds().size()));
    }
    List<String> candidates =
        round == 1
            ? spec.grid().cellProperties()
            : log.rounds().get(round - 2).decisions().stream()
                .filter(Decision::added)
                .map(Decision::property)
                .toList();
    // every candidate holds the spec's seeds and those of the rounds before this one
    List<Integer> seeds = new ArrayList<>(spec.grid().seeds());
    for (int k = 1; k < round; k++) {
      seeds.add(spec.grid().seedOfRound(k));
    }
    List<Decision> decisions = new ArrayList<>();
    for (String property : candidates) {
      decisions.add(
          judge(
              store, trainerId, spec, data, target, representation, property, List.copyOf(seeds)));
    }
    Round decided = new Round(round, seed, List.copyOf(decisions));
    List<Round> rounds = new ArrayList<>(log.rounds());
    rounds.add(decided);
    write(file, new GroupLog(target, representation, List.copyOf(rounds)));
    return cells(target, representation, decided);
  }

  private static Decision judge(
      ArtifactStore store,
      String trainerId,
      SweepSpec spec,
      PreparedDataset data,
      String target,
      Representation representation,
      String property,
      List<Integer> seeds) {
    if (seeds.size() >= spec.grid().moreSeeds().upTo()) {
      return new Decision(property, seeds, "has " + seeds.size() + " seeds, the most asked", false);
    }
    double[] changes = new double[seeds.size()];
    for (int i = 0; i < seeds.size(); i++) {
      CellKey cell = new CellKey(target, property, representation, seeds.get(i));
      Optional<Double> base = testMetric(store, trainerId, TrainingPlan.baseline(spec, data, cell));
      Optional<Double> augmented =
          testMetric(store, trainerId, TrainingPlan.request(spec, data, cell));
      if (base.isEmpty() || augmented.isEmpty() || !(base.get() > 0)) {
        return new Decision(
            property,
            seeds,
            "incomplete: seed " + seeds.get(i) + " has no usable pair (retry the cell first)",
            false);
      }
      changes[i] = 100.0 * (augmented.get() - base.get()) / base.get();
    }
    MeanChangeInterval ci = MeanChangeInterval.of(changes);
    String verdict = spec.grid().moreSeeds().verdict(ci.lowPercent(), ci.highPercent());
    return new Decision(property, seeds, verdict, MoreSeeds.open(verdict));
  }

  private static Optional<Double> testMetric(
      ArtifactStore store, String trainerId, TrainingRequest request) {
    return store
        .find(ContentHash.of(request, trainerId))
        .map(StoredTraining::outcome)
        .map(o -> o.testMetric())
        .filter(Double::isFinite);
  }

  private static List<CellKey> cells(String target, Representation representation, Round r) {
    return r.decisions().stream()
        .filter(Decision::added)
        .map(d -> new CellKey(target, d.property(), representation, r.seed()))
        .toList();
  }

  /**
   * Every cell adaptive rounds added to sweep {@code sweepId}, with its seed (empty when none
   * were).
   */
  public static List<CellKey> added(ArtifactStore store, String sweepId) {
    List<CellKey> out = new ArrayList<>();
    for (GroupLog log : logs(store, sweepId)) {
      for (Round r : log.rounds()) {
        out.addAll(cells(log.target(), log.representation(), r));
      }
    }
    return out;
  }

  /** The decisions of sweep {@code sweepId} as CSV (header only when there are none). */
  public static String csv(ArtifactStore store, String sweepId) {
    StringBuilder out =
        new StringBuilder("round,seed,target,representation,property,seeds_judged,added,verdict\n");
    for (GroupLog log : logs(store, sweepId)) {
      for (Round r : log.rounds()) {
        for (Decision d : r.decisions()) {
          out.append(r.round())
              .append(',')
              .append(r.seed())
              .append(',')
              .append(log.target())
              .append(',')
              .append(log.representation().label())
              .append(',')
              .append(d.property())
              .append(',')
              .append(String.join(" ", d.seeds().stream().map(String::valueOf).toList()))
              .append(',')
              .append(d.added() ? "yes" : "no")
              .append(",\"")
              .append(d.verdict().replace("\"", "\"\""))
              .append("\"\n");
        }
      }
    }
    return out.toString();
  }

  /** Seeds added to each cell, by {@link SweepAggregator#cellId}. */
  public static Map<String, List<Integer>> addedSeedsByCell(List<CellKey> added) {
    Map<String, List<Integer>> out = new HashMap<>();
    for (CellKey c : added) {
      out.computeIfAbsent(
              SweepAggregator.cellId(c.target(), c.property(), c.representation()),
              k -> new ArrayList<>())
          .add(c.seed());
    }
    return out;
  }

  private static List<GroupLog> logs(ArtifactStore store, String sweepId) {
    Path dir = store.reportDir(sweepId).resolve(DIR);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<GroupLog> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        read(f).ifPresent(out::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  static Path file(
      ArtifactStore store, String sweepId, String target, Representation representation) {
    return store
        .reportDir(sweepId)
        .resolve(DIR)
        .resolve(
            target.replaceAll("[^A-Za-z0-9._-]", "_") + "__" + representation.label() + ".json");
  }

  private static Optional<GroupLog> read(Path file) {
    try {
      return Optional.of(ArtifactStore.json().readValue(Files.readAllBytes(file), GroupLog.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path file, GroupLog log) {
    try {
      AtomicFiles.write(file, ArtifactStore.json().writeValueAsBytes(log));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
