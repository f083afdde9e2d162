package tomo.activities.report;

/**
 * Pixel size of a heatmap image, grown with the grid so that every cell keeps room for its two
 * lines of annotation.
 *
 * @param widthPx image width in pixels
 * @param heightPx image height in pixels
 */
public record HeatmapLayout(int widthPx, int heightPx) {

  static final int CELL_WIDTH_PX = 130;
  static final int CELL_HEIGHT_PX = 60;
  // Room for the property names at the left and the colour legend at the right.
  private static final int HORIZONTAL_FRAME_PX = 420;
  // Room for the titles above (title, three subtitle lines) and the vertical target names below.
  private static final int VERTICAL_FRAME_PX = 400;
  private static final int MIN_WIDTH_PX = 900;
  private static final int MIN_HEIGHT_PX = 600;

  // Room for one line of banner or warning above the plot.
  static final int NOTICE_LINE_PX = 24;

  /** The layout for a grid of {@code targets} columns and {@code properties} rows. */
  public static HeatmapLayout of(int targets, int properties) {
    return of(targets, properties, 0);
  }

  /** The same, with room for {@code noticeLines} lines of banner and warnings above the plot. */
  public static HeatmapLayout of(int targets, int properties, int noticeLines) {
    return new HeatmapLayout(
        Math.max(MIN_WIDTH_PX, HORIZONTAL_FRAME_PX + CELL_WIDTH_PX * Math.max(1, targets)),
        Math.max(MIN_HEIGHT_PX, VERTICAL_FRAME_PX + CELL_HEIGHT_PX * Math.max(1, properties))
            + NOTICE_LINE_PX * noticeLines);
  }
}
