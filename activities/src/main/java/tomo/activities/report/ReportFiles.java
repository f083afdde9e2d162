package tomo.activities.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tomo.workflows.model.Representation;

/**
 * The files a {@link ReportWriter} wrote.
 *
 * @param heatmapPng per representation, the heatmap as PNG
 * @param heatmapSvg per representation, the same heatmap as SVG
 * @param paperHeatmapPng per representation, the heatmap annotated the paper's way (its value and
 *     bar bounds) as PNG
 * @param table1Markdown Table 1 (and the list of unpaired trainings) as Markdown
 * @param table1Csv Table 1 as CSV, one row per target
 * @param table1Json Table 1, the per-cell statistics and the unpaired trainings as JSON
 * @param cellsCsv the per-cell statistics behind the heatmaps
 * @param trainingsCsv every training, with its baseline's metric and change where paired
 * @param html the self-contained HTML report (heatmaps, Table 1, learning curves, provenance)
 * @param curvesCsv the learning curves, one row per training and epoch
 * @param provenanceCsv how the trainings were made, one row per field and value
 */
public record ReportFiles(
    Map<Representation, Path> heatmapPng,
    Map<Representation, Path> heatmapSvg,
    Map<Representation, Path> paperHeatmapPng,
    Path table1Markdown,
    Path table1Csv,
    Path table1Json,
    Path cellsCsv,
    Path trainingsCsv,
    Path html,
    Path curvesCsv,
    Path provenanceCsv) {

  public ReportFiles {
    heatmapPng = Collections.unmodifiableMap(new LinkedHashMap<>(heatmapPng));
    heatmapSvg = Collections.unmodifiableMap(new LinkedHashMap<>(heatmapSvg));
    paperHeatmapPng = Collections.unmodifiableMap(new LinkedHashMap<>(paperHeatmapPng));
  }

  /** Every file, the HTML report first, then the heatmaps. */
  public List<Path> all() {
    List<Path> files = new ArrayList<>(List.of(html));
    files.addAll(heatmapPng.values());
    files.addAll(heatmapSvg.values());
    files.addAll(paperHeatmapPng.values());
    files.addAll(
        List.of(
            table1Markdown,
            table1Csv,
            table1Json,
            cellsCsv,
            trainingsCsv,
            curvesCsv,
            provenanceCsv));
    return files;
  }
}
