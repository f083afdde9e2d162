package tomo.workflows.sweep;

import java.util.HashSet;
import java.util.Set;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.GroupRequest;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepStatus;
import tomo.workflows.model.TrainingRequest;

/**
 * The words the Temporal UI shows for a sweep's workflows and activities (Temporal's user
 * metadata): what a training, a group or the sweep is, instead of a bare activity type. Made from
 * the workflows' own inputs and state only, so a replay computes the same words.
 */
public final class SweepSummaries {
  private static final String SEP = " · ";

  private SweepSummaries() {}

  /**
   * A training: {@code band_gap + volume · composition · seed 1 · augmented}, {@code band_gap ·
   * composition · seed 1 · baseline}, or for the paper's per-cell baseline {@code band_gap ·
   * structure · seed 1 · baseline, volume masked}.
   */
  public static String training(TrainingRequest r) {
    String model = r.property() == null ? r.target() : r.target() + " + " + r.property();
    String kind;
    if (r.property() != null) {
      kind = "augmented";
    } else if (r.maskedProperty() != null) {
      kind = "baseline, " + r.maskedProperty() + " masked";
    } else {
      kind = "baseline";
    }
    return model + SEP + r.representation().label() + SEP + "seed " + r.seed() + SEP + kind;
  }

  /**
   * A group workflow: {@code band_gap · structure: 30 trainings}, with {@code (retry round 1)}
   * after the first round.
   */
  public static String group(GroupRequest g, int round) {
    int n = trainings(g);
    return g.target()
        + SEP
        + g.representation().label()
        + ": "
        + n
        + (n == 1 ? " training" : " trainings")
        + (round > 0 ? " (retry round " + round + ")" : "");
  }

  /**
   * The trainings a group schedules: per-cell mode two per cell; shared mode one per cell and one
   * baseline per seed (memoized when it was trained in an earlier round).
   */
  static int trainings(GroupRequest g) {
    SweepSpec spec = g.spec();
    if (spec.training().baseline() == BaselineMode.PER_CELL) {
      return 2 * g.size();
    }
    Set<Integer> seeds = new HashSet<>();
    int cells = 0;
    for (int i = 0; i < g.size(); i++) {
      CellKey item = g.item(i);
      seeds.add(item.seed());
      if (!item.isBaseline()) {
        cells++;
      }
    }
    return cells + seeds.size();
  }

  /**
   * A sweep: {@code sweep small: 32 trainings (2 targets × 3 properties × 2 representations × 2
   * seeds, shared baseline)}.
   */
  public static String sweep(String sweepId, SweepSpec spec) {
    return "sweep "
        + sweepId
        + ": "
        + spec.trainingCount()
        + " trainings ("
        + count(spec.grid().targets().size(), "target")
        + " × "
        + count(spec.grid().properties().size(), "property")
        + " × "
        + count(spec.grid().representations().size(), "representation")
        + " × "
        + count(spec.grid().seeds().size(), "seed")
        + ", "
        + (spec.training().baseline() == BaselineMode.PER_CELL ? "per-cell" : "shared")
        + " baseline)";
  }

  /**
   * The sweep's current details, its progress line: {@code running · 12/32 done (3 memoized) · 2
   * running · 1 failed · 17 pending · ETA 4 min}.
   */
  public static String progress(SweepProgress p) {
    StringBuilder line = new StringBuilder(p.status().label());
    if (p.round() > 0) {
      line.append(SEP).append("retry round ").append(p.round());
    }
    line.append(SEP).append(p.done()).append('/').append(p.total()).append(" done");
    if (p.memoized() > 0) {
      line.append(" (").append(p.memoized()).append(" memoized)");
    }
    line.append(SEP).append(p.running()).append(" running");
    line.append(SEP).append(p.failed()).append(" failed");
    line.append(SEP).append(p.pending()).append(" pending");
    if (p.etaSeconds() != null && p.status() == SweepStatus.RUNNING) {
      line.append(SEP).append("ETA ").append(duration(p.etaSeconds()));
    }
    if (p.failure() != null) {
      line.append(SEP).append(p.failure());
    } else if (p.reportDir() != null) {
      line.append(SEP).append("report ").append(p.reportDir());
    }
    return line.toString();
  }

  private static String count(int n, String noun) {
    String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
    return n + " " + (n == 1 ? noun : plural);
  }

  /** {@code 45 s}, {@code 4 min}, {@code 3 h 20 min}, {@code 2 d 5 h}. */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + " s";
    }
    long min = s / 60;
    if (min < 60) {
      return min + " min";
    }
    long h = min / 60;
    if (h < 24) {
      return h + " h " + (min % 60) + " min";
    }
    return (h / 24) + " d " + (h % 24) + " h";
  }
}
