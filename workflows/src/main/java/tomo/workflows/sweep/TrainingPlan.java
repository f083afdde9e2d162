package tomo.workflows.sweep;

import java.util.ArrayList;
import java.util.List;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.TrainingRequest;

/**
 * Which trainings a sweep consists of. Workflows use it to schedule and the report to find results,
 * so both agree on every request (and so on every content hash).
 */
public final class TrainingPlan {
  private TrainingPlan() {}

  /**
   * The augmented training of {@code cell}, or its shared baseline when the cell has no property.
   */
  public static TrainingRequest request(SweepSpec spec, PreparedDataset data, CellKey cell) {
    return of(spec, data, cell).build();
  }

  /** The paper's per-cell baseline of {@code cell}: its property masked, not seen by the model. */
  public static TrainingRequest perCellBaseline(
      SweepSpec spec, PreparedDataset data, CellKey cell) {
    return of(spec, data, cell).property(null).maskedProperty(cell.property()).build();
  }

  /** The training of {@code cell} with everything the spec and the prepared data decide. */
  private static TrainingRequest.Builder of(SweepSpec spec, PreparedDataset data, CellKey cell) {
    return TrainingRequest.builder()
        .dataset(data.path(), data.contentSha256())
        .cell(cell)
        .hyper(spec.hyper())
        .limit(spec.limit())
        .artifactDir(spec.artifactDir())
        .sample(spec.sampleRows(), spec.sampleSeedOrZero())
        .trainer(spec.trainer())
        .skipBadRows(spec.skipBadRows());
  }

  /** Every training of the spec: baselines first within each (target, representation, seed). */
  public static List<TrainingRequest> all(SweepSpec spec, PreparedDataset data) {
    List<TrainingRequest> out = new ArrayList<>();
    for (String target : spec.targets()) {
      for (Representation rep : spec.representations()) {
        for (int seed : spec.seeds()) {
          CellKey base = new CellKey(target, null, rep, seed);
          if (spec.baseline() == BaselineMode.SHARED) {
            out.add(request(spec, data, base));
          }
          for (String property : spec.cellProperties()) {
            CellKey cell = new CellKey(target, property, rep, seed);
            if (spec.baseline() == BaselineMode.PER_CELL) {
              out.add(perCellBaseline(spec, data, cell));
            }
            out.add(request(spec, data, cell));
          }
        }
      }
    }
    return out;
  }
}
