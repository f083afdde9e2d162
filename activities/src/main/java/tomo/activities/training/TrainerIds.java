package tomo.activities.training;

import tomo.workflows.model.TrainerKind;

/**
 * The store id (name and version, part of every content hash) of each trainer a sweep spec can
 * name. The report collects a sweep's results by its spec's trainer; a training worker checks that
 * a request names the trainer it runs.
 */
public final class TrainerIds {
  private TrainerIds() {}

  /** The id of the trainer of kind {@code kind}. */
  public static String of(TrainerKind kind) {
    return switch (kind) {
      case CGCNN -> CgcnnCellTrainer.ID;
      case SYNTHETIC -> SyntheticTrainer.ID;
    };
  }
}
