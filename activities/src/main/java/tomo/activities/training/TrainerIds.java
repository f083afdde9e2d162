package tomo.activities.training;

import java.util.Optional;

/**
 * The store id (name and version, part of every content hash) of each trainer a sweep spec can
 * name. The report collects a sweep's results by its spec's trainer; a training worker checks that
 * a request names the trainer it runs.
 */
public final class TrainerIds {
  private TrainerIds() {}

  /** The id of the trainer a spec calls {@code name}, empty for a name no trainer has. */
  public static Optional<String> of(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return switch (name) {
      case "cgcnn" -> Optional.of(CgcnnCellTrainer.ID);
      case "synthetic" -> Optional.of(SyntheticTrainer.ID);
      default -> Optional.empty();
    };
  }
}
