package tomo.activities.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.workflows.model.Representation;

/**
 * Writes a sweep's report into a directory: one heatmap per representation (PNG and SVG, the
 * paper's Figures 4 and 5; and a PNG with the paper's bars, {@code heatmap-*-paper.png}), Table 1
 * as Markdown, CSV and JSON, the per-cell statistics and every training as CSV, the learning curves
 * and provenance as CSV, and all of it in one self-contained {@code report.html}. Existing files of
 * the same names are replaced; the output depends only on the report and its details.
 */
public final class ReportWriter {

  private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

  /**
   * Writes every report file into {@code outDir}, creating it when needed, without learning curves
   * or provenance.
   *
   * @throws UncheckedIOException when a file cannot be written
   */
  public ReportFiles write(SweepReport report, Path outDir) {
    return write(report, ReportDetails.none(), outDir);
  }

  /**
   * Writes every report file into {@code outDir}, creating it when needed.
   *
   * @param details the learning curves, provenance and warnings the HTML report shows
   * @throws UncheckedIOException when a file cannot be written
   */
  public ReportFiles write(SweepReport report, ReportDetails details, Path outDir) {
    try {
      Files.createDirectories(outDir);
      Map<Representation, Path> png = new LinkedHashMap<>();
      Map<Representation, Path> svg = new LinkedHashMap<>();
      Map<Representation, Path> paperPng = new LinkedHashMap<>();
      HeatmapRenderer renderer =
          new HeatmapRenderer(report, DivergingPaintScale.colourLimit(report));
      HeatmapRenderer paperRenderer =
          new HeatmapRenderer(
              report,
              DivergingPaintScale.paperColourLimit(report),
              HeatmapRenderer.CellText.PAPER_BOUNDS);
      for (Representation representation : report.representations()) {
        String base = "heatmap-" + representation.label();
        JFreeChart chart = renderer.chart(representation);
        Path pngFile = outDir.resolve(base + ".png");
        Path svgFile = outDir.resolve(base + ".svg");
        renderer.writePng(chart, pngFile);
        renderer.writeSvg(chart, svgFile);
        png.put(representation, pngFile);
        svg.put(representation, svgFile);
        Path paperFile = outDir.resolve(base + "-paper.png");
        paperRenderer.writePng(paperRenderer.chart(representation), paperFile);
        paperPng.put(representation, paperFile);
      }
      Table1Layout layout = Table1Layout.of(report);
      Table1Writer table1 = new Table1Writer(report, layout);
      ResultsCsv results = new ResultsCsv(report);
      Path markdown = outDir.resolve("table1.md");
      Path tableCsv = outDir.resolve("table1.csv");
      Path json = outDir.resolve("table1.json");
      Path cellsCsv = outDir.resolve("cells.csv");
      Path trainingsCsv = outDir.resolve("trainings.csv");
      table1.writeTable1Markdown(markdown);
      table1.writeTable1Csv(tableCsv);
      table1.writeJson(json);
      results.writeCells(cellsCsv);
      results.writeTrainings(trainingsCsv);
      Path curvesCsv = outDir.resolve(ReportDetailsCsv.CURVES);
      Path provenanceCsv = outDir.resolve(ReportDetailsCsv.PROVENANCE);
      ReportDetailsCsv.writeCurves(details.curves(), curvesCsv);
      ReportDetailsCsv.writeProvenance(details.provenance(), provenanceCsv);
      Path html = outDir.resolve("report.html");
      new HtmlReportWriter(report, details, layout).write(html);
      ReportFiles files =
          new ReportFiles(
              png,
              svg,
              paperPng,
              markdown,
              tableCsv,
              json,
              cellsCsv,
              trainingsCsv,
              html,
              curvesCsv,
              provenanceCsv);
      LOG.info(
          "Wrote report of {} trainings, {} cells, {} unpaired to {}",
          report.trainings().size(),
          report.cells().size(),
          report.missing().size(),
          outDir);
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report to " + outDir + ": " + e.getMessage(), e);
    }
  }
}
