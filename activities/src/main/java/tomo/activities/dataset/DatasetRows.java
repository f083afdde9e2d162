package tomo.activities.dataset;

import tomo.materials.dataset.ReadOptions;
import tomo.workflows.model.RowSelection;

/** The dataset reader's options for a sweep's row selection, properties derived where missing. */
public final class DatasetRows {
  private DatasetRows() {}

  /** How to read the rows {@code selection} names. */
  public static ReadOptions readOptions(RowSelection selection) {
    return ReadOptions.defaults()
        .withLimit(selection.rows().limit())
        .withSample(selection.rows().sampleSize(), selection.rows().sampleSeed())
        .withSkipBad(selection.skipBadRows());
  }
}
