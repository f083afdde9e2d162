package tomo.workflows.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.IncompleteRows;
import tomo.workflows.model.NullControl;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Protocol;
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

  /**
   * The baseline a fine-tuned sweep trains in full for {@code base}'s (target, representation,
   * seed); {@link #request} of {@code base} is then its control, the same baseline continued.
   */
  public static TrainingRequest pretrain(SweepSpec spec, PreparedDataset data, CellKey base) {
    return request(spec, data, base.baseline()).pretrain();
  }

  /**
   * The training {@code cell} is compared with: its per-cell baseline when the sweep has them, else
   * its seed's shared baseline (under {@code protocol: finetune}, the control).
   */
  public static TrainingRequest baseline(SweepSpec spec, PreparedDataset data, CellKey cell) {
    return baselineMode(spec, data) == BaselineMode.PER_CELL
        ? perCellBaseline(spec, data, cell)
        : request(spec, data, cell.baseline());
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
        .hyper(spec.training().hyper())
        .selection(spec.data().selection())
        .artifactDir(spec.runtime().artifactDir())
        .trainer(spec.training().trainer())
        .protocol(spec.training().protocol())
        .completeOver(completeOver(spec, data));
  }

  /**
   * The names every row a training uses must have: the sweep's targets and properties (and the null
   * control's source property) when it drops incomplete rows and its data has some; none otherwise
   * (each training then drops only the rows lacking its own target or property, which on complete
   * data are none either way, so requests of such data keep the hashes they had before rows were
   * dropped by the grid).
   */
  static List<String> completeOver(SweepSpec spec, PreparedDataset data) {
    if (spec.data().incompleteRows() != IncompleteRows.DROP || data.incompleteRows() == 0) {
      return List.of();
    }
    Set<String> names = new TreeSet<>(spec.grid().targets());
    names.addAll(spec.grid().properties());
    // the null control's column lacks a value wherever its source property does
    spec.grid().controlProperty().flatMap(NullControl::source).ifPresent(names::add);
    return List.copyOf(names);
  }

  /**
   * Which baseline the cells of {@code spec} are compared with on {@code data}: the spec's, except
   * that a sweep keeping incomplete rows whose properties lack values on some rows compares every
   * cell with a baseline masked to the cell's rows, so that no cell's two test errors are measured
   * on different materials.
   */
  public static BaselineMode baselineMode(SweepSpec spec, PreparedDataset data) {
    if (spec.training().baseline() == BaselineMode.SHARED
        && spec.data().incompleteRows() == IncompleteRows.KEEP
        && spec.grid().properties().stream().anyMatch(data::lacksValues)) {
      return BaselineMode.PER_CELL;
    }
    return spec.training().baseline();
  }

  /**
   * Every training of the spec: baselines first within each (target, representation, seed), a
   * fine-tuned sweep's full baseline before its control.
   */
  public static List<TrainingRequest> all(SweepSpec spec, PreparedDataset data) {
    BaselineMode mode = baselineMode(spec, data);
    List<TrainingRequest> out = new ArrayList<>();
    for (String target : spec.grid().targets()) {
      for (Representation rep : spec.grid().representations()) {
        for (int seed : spec.grid().seeds()) {
          CellKey base = new CellKey(target, null, rep, seed);
          if (spec.training().protocol() == Protocol.FINETUNE) {
            out.add(pretrain(spec, data, base));
          }
          if (mode == BaselineMode.SHARED) {
            out.add(request(spec, data, base));
          }
          for (String property : spec.grid().cellProperties()) {
            CellKey cell = new CellKey(target, property, rep, seed);
            if (mode == BaselineMode.PER_CELL) {
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
