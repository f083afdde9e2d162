package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.store.EpochPoint;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class HtmlReportWriterTest {
  @TempDir Path dir;

  /** A decaying curve per training that ends near its test metric. */
  static List<LearningCurve> curvesOf(List<TrainingOutcome> outcomes, int epochs) {
    List<LearningCurve> curves = new ArrayList<>();
    for (TrainingOutcome o : outcomes) {
      List<EpochPoint> points = new ArrayList<>();
      for (int e = 1; e <= epochs; e++) {
        points.add(new EpochPoint(e, 0.3 + 0.7 / e, o.testMetric() * (1 + 2.0 / e)));
      }
      curves.add(
          new LearningCurve(o.target(), o.property(), o.representation(), o.seed(), null, points));
    }
    return curves;
  }

  static ProvenanceSummary provenance() {
    return new ProvenanceSummary(
        List.of(
            new ProvenanceSummary.Entry("trainer", "cgcnn-v1", 24),
            new ProvenanceSummary.Entry("dataset SHA-256", "5f3a9c", 24),
            new ProvenanceSummary.Entry("device", "cpu()", 20),
            new ProvenanceSummary.Entry("device", "gpu(0) compute capability 90", 4),
            new ProvenanceSummary.Entry("libtorch", "2.5.1", 24)));
  }

  static ReportDetails details(List<TrainingOutcome> outcomes) {
    return new ReportDetails(
        curvesOf(outcomes, 12),
        provenance(),
        List.of("3 baselines barely beat the mean predictor <check epochs>"));
  }

  @Test
  void oneSelfContainedPageWithHoverValuesTable1CurvesAndProvenance() throws Exception {
    List<TrainingOutcome> outcomes = SweepAggregatorTest.handMade();
    SweepReport report = new SweepAggregator().aggregate(outcomes);

    ReportFiles files = new ReportWriter().write(report, details(outcomes), dir);
    String html = Files.readString(files.html());

    // nothing to fetch: no external URL, no linked stylesheet, script or image
    assertThat(html).doesNotContain("http:", "https:", "<link", " src=", "url(http", "@import");
    // both heatmaps, every cell's seeds on hover
    assertThat(html).contains("<h3>structure</h3>", "<h3>composition</h3>");
    assertThat(html)
        .contains(
            "density → band_gap (structure)\nmean -11.7 %, range [-20.0, -5.0] over 3 seed(s):"
                + " significant\n"
                // seed means 0.5 and 0.43667: -12.67 %; max aug 0.48 vs min base 0.4: +20 %;
                // min aug 0.38 vs max base 0.6: -36.67 %
                + "paper: -12.7 % +32.7/−24.0, bar [-36.7, +20.0]\n"
                + "paired (primary): significant, interval: no, paper-bounds: no\n"
                + "seed 1: -10.0 % (mae 0.500 → 0.450)\nseed 2: -5.0 % (mae 0.400"
                + " → 0.380)\nseed 3: -20.0 % (mae 0.600 → 0.480)</title>");
    assertThat(html).contains(">-11.7*</text>", ">no data</text>");
    // volume, composition: seed 3 has no baseline, so the cell is incomplete, outlined dashed
    assertThat(html)
        .contains(
            "volume → band_gap (composition)\nmean -5.0 %, range [-5.0, -5.0] over 2 seed(s)\n",
            "INCOMPLETE (seed 3 missing): never significant\n",
            "class=\"incomplete\"/>",
            ">-5.0</text>",
            ">incomplete</text>");
    // the primary rule and the seeds a cell needs, in the page's header
    assertThat(html)
        .contains(
            "Primary rule (Table 1&#39;s &quot;significant&quot;): paired. Seeds of the sweep: 1 2"
                + " 3, from the seeds seen in the trainings");
    // Table 1 from its columns
    assertThat(html)
        .contains(
            "<th>target</th><th>significant (paired, primary), structure</th>"
                + "<th>significant (paired, primary), composition</th>"
                + "<th>interval, structure</th><th>interval, composition</th>"
                + "<th>paper-bounds, structure</th><th>paper-bounds, composition</th>"
                + "<th>in structure, not in composition (paired)</th>"
                + "<th>incomplete (never significant), structure</th>"
                + "<th>incomplete (never significant), composition</th>");
    assertThat(html)
        .contains(
            "<td>band_gap</td><td>density (-11.7 %)</td><td>none</td>",
            "<td>density (seed 3 missing), volume (seed 3 missing)</td>");
    // learning curves: per cell, 2 panels, each with one line per seed of baseline and augmented
    assertThat(count(html, "<details class=\"curves\">")).isEqualTo(3);
    assertThat(count(html, "<figure>")).isEqualTo(report.cells().size());
    int lines = 0;
    for (CellSummary c : report.cells()) {
      lines += 2 * 2 * c.seedCount();
    }
    assertThat(count(html, "<polyline ")).isEqualTo(lines);
    assertThat(html).contains("<title>+ density, seed 2: ");
    // provenance, warnings escaped
    assertThat(html)
        .contains("<td>device</td><td>cpu() (20)<br>gpu(0) compute capability 90 (4)</td>");
    assertThat(html)
        .contains("<li>3 baselines barely beat the mean predictor &lt;check epochs&gt;");
    // the unpaired trainings are listed
    assertThat(html).contains("<h2 id=\"unpaired\">");
  }

  @Test
  void withoutDetailsThePageSaysSoInsteadOfDrawingEmptyCurves() throws Exception {
    SweepReport report = new SweepAggregator().aggregate(SweepAggregatorTest.handMade());

    String html = Files.readString(new ReportWriter().write(report, dir).html());

    assertThat(html).contains("No learning curves").doesNotContain("<polyline");
    assertThat(html).contains("<h2 id=\"provenance\">Provenance</h2>\n<p>Not known");
    // the report's own warnings (here: trainings without a recorded trainer) lead the page
    assertThat(report.warnings()).isNotEmpty();
    assertThat(html).contains("id=\"warnings\"");
    assertThat(html).contains("<title>" + ReportFormat.escape(report.titlePrefix()));
    report.warnings().forEach(w -> assertThat(html).contains(ReportFormat.escape(w)));
  }

  @Test
  void longCurvesAreThinnedToAtMostAHundredPointsKeepingTheLastEpoch() {
    List<EpochPoint> points = new ArrayList<>();
    for (int e = 1; e <= 1000; e++) {
      points.add(new EpochPoint(e, 1.0 / e, 2.0 / e));
    }
    List<EpochPoint> thin = CurvePlot.thin(points);
    assertThat(thin).hasSize(CurvePlot.MAX_POINTS);
    assertThat(thin.get(0).epoch()).isEqualTo(1);
    assertThat(thin.get(thin.size() - 1).epoch()).isEqualTo(1000);
    assertThat(thin).extracting(EpochPoint::epoch).isSorted().doesNotHaveDuplicates();

    String svg =
        new CurvePlot("validation metric", EpochPoint::valMetric)
            .svg(
                List.of(new LearningCurve("t", null, Representation.STRUCTURE, 1, null, points)),
                List.of());
    Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1).split(" ")).hasSize(CurvePlot.MAX_POINTS);
  }

  @Test
  void aCurveThatFallsMoreThanTenfoldIsDrawnOnALogScale() {
    CurvePlot plot = new CurvePlot("validation metric", EpochPoint::valMetric);
    List<EpochPoint> steep =
        List.of(new EpochPoint(1, 9, 16.0), new EpochPoint(2, 1, 0.4), new EpochPoint(3, 1, 0.2));

    String svg =
        plot.svg(
            List.of(new LearningCurve("t", null, Representation.STRUCTURE, 1, null, steep)),
            List.of());

    assertThat(svg).contains(">validation metric (log scale)<", ">16.0<", ">0.200<");
    // linear, 0.4 would sit 0.2/15.8 of the height above 0.2; on a log scale a fifth of the way
    int[] y = ys(svg);
    assertThat(y[2] - y[1]).isGreaterThan((y[2] - y[0]) / 8);

    List<EpochPoint> gentle = List.of(new EpochPoint(1, 1, 0.8), new EpochPoint(2, 1, 0.5));
    assertThat(
            plot.svg(
                List.of(new LearningCurve("t", null, Representation.STRUCTURE, 1, null, gentle)),
                List.of()))
        .contains(">validation metric<");
  }

  /** The y coordinates of the first polyline. */
  private static int[] ys(String svg) {
    Matcher m = Pattern.compile("points=\"([^\"]*)\"").matcher(svg);
    assertThat(m.find()).isTrue();
    String[] points = m.group(1).split(" ");
    int[] y = new int[points.length];
    for (int i = 0; i < points.length; i++) {
      y[i] = Integer.parseInt(points[i].split(",")[1]);
    }
    return y;
  }

  @Test
  void thePapersFullGridWithLongCurvesStaysAFewMegabytes() throws Exception {
    List<TrainingOutcome> outcomes = ReportWriterTest.syntheticPaperGrid();
    SweepReport report = new SweepAggregator(ReportWriterTest.PAPER_PROPERTIES).aggregate(outcomes);

    ReportFiles files =
        new ReportWriter()
            .write(
                report, new ReportDetails(curvesOf(outcomes, 300), provenance(), List.of()), dir);

    // 1,170 trainings of 300 epochs, each drawn in 13 cells' panels at most 100 points long
    assertThat(Files.size(files.html())).isLessThan(8L << 20);
    assertThat(count(Files.readString(files.html()), "<figure>")).isEqualTo(report.cells().size());
  }

  @Test
  void curvesAndProvenanceReadBackFromTheirCsv() {
    List<TrainingOutcome> outcomes = SweepAggregatorTest.handMade();
    SweepReport report = new SweepAggregator().aggregate(outcomes);
    List<LearningCurve> curves = new ArrayList<>(curvesOf(outcomes, 4));
    curves.add( // a per-cell baseline, trained for density
        new LearningCurve(
            "band_gap",
            null,
            Representation.STRUCTURE,
            1,
            "density",
            List.of(new EpochPoint(1, Double.NaN, 0.7))));
    ReportDetails details = new ReportDetails(curves, provenance(), List.of());

    ReportFiles files = new ReportWriter().write(report, details, dir);

    assertThat(ReportDetailsCsv.readCurves(files.curvesCsv())).isEqualTo(curves);
    assertThat(ReportDetailsCsv.readProvenance(files.provenanceCsv())).isEqualTo(provenance());
  }

  @Test
  void aBadCurveValueIsNamedByFileLineAndField() throws Exception {
    Path file = dir.resolve("curves.csv");
    Files.writeString(
        file,
        "target,property,representation,seed,baseline_for,epoch,train_loss,val_metric\n"
            + "band_gap,,structure,1,,1,0.5,0.4\n"
            + "band_gap,,structure,1,,2,0.4,lots\n");
    assertThatThrownBy(() -> ReportDetailsCsv.readCurves(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ", line 3, field val_metric: 'lots' is not a number");
  }

  /** One target, band_gap, also trained as its own input: -80 % and -70 %, a passed check. */
  static List<TrainingOutcome> oneTargetWithItsOwnCell() {
    Representation s = SweepAggregatorTest.S;
    return List.of(
        SweepAggregatorTest.mae("band_gap", null, s, 1, 0.50),
        SweepAggregatorTest.mae("band_gap", null, s, 2, 0.40),
        SweepAggregatorTest.mae("band_gap", "band_gap", s, 1, 0.10),
        SweepAggregatorTest.mae("band_gap", "band_gap", s, 2, 0.12),
        SweepAggregatorTest.mae("band_gap", "density", s, 1, 0.45),
        SweepAggregatorTest.mae("band_gap", "density", s, 2, 0.36));
  }

  @Test
  void theTargetsOwnCellShowsTheDiagonalCheckAsThePngDoes() throws Exception {
    SweepReport passed = new SweepAggregator().aggregate(oneTargetWithItsOwnCell());
    String html = Files.readString(new ReportWriter().write(passed, dir.resolve("passed")).html());

    assertThat(html)
        .contains(
            "<title>band_gap → band_gap (structure)\nthe target as its own input (the diagonal"
                + " check): mean -75.0 %, range [-80.0, -70.0] over 2 seed(s)\ncheck passed: the"
                + " mean must be below -20 %\nseed 1: -80.0 % (mae 0.500 → 0.100)\n"
                + "seed 2: -70.0 % (mae 0.400 → 0.120)</title>",
            "fill=\"#202020\" class=\"mean diagonal\">self -75.0</text>",
            "fill=\"#202020\" class=\"range diagonal\">check passed</text>");

    // the volume sweep: its own input changed the error by only -5 %
    SweepReport failed =
        new SweepAggregator().aggregateTrainings(ReportChecksTest.undertrained("cgcnn-v1"));
    String failedHtml =
        Files.readString(new ReportWriter().write(failed, dir.resolve("failed")).html());
    String notice = ReportFormat.hex(DivergingPaintScale.NOTICE_COLOUR);
    assertThat(failedHtml)
        .contains(
            "CHECK FAILED: the mean must be below -20 %",
            "fill=\"" + notice + "\" class=\"mean diagonal\">self -5.0</text>",
            "fill=\"" + notice + "\" class=\"range diagonal\">CHECK FAILED</text>");
  }

  @Test
  void theLegendOfAOneTargetHeatmapLiesInsideItsPicture() {
    SweepReport report = new SweepAggregator().aggregate(oneTargetWithItsOwnCell());
    assertThat(report.targets()).hasSize(1);
    double limit = DivergingPaintScale.colourLimit(report);
    String svg = new HtmlHeatmap(report, limit).svg(SweepAggregatorTest.S);

    Matcher box = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
    assertThat(box.find()).isTrue();
    int width = Integer.parseInt(box.group(1));
    int height = Integer.parseInt(box.group(2));
    Matcher bar =
        Pattern.compile("<g class=\"legend\">.*?<rect x=\"(\\d+)\" y=\"\\d+\" width=\"(\\d+)\"")
            .matcher(svg);
    assertThat(bar.find()).isTrue();
    int barLeft = Integer.parseInt(bar.group(1));
    int barRight = barLeft + Integer.parseInt(bar.group(2));
    assertThat(barRight).as("legend bar's right end in a picture %d wide", width).isLessThan(width);
    // every label of the legend, estimated at the 13 px labels' width per character (the 12 px
    // ticks are narrower), between 0 and the picture's width, and above its bottom
    Matcher text =
        Pattern.compile(
                "<text x=\"(\\d+)\" y=\"(\\d+)\" class=\"tick\" text-anchor=\"(\\w+)\">([^<]*)<")
            .matcher(svg.substring(svg.indexOf("<g class=\"legend\">")));
    List<String> labels = new ArrayList<>();
    while (text.find()) {
      int x = Integer.parseInt(text.group(1));
      double extent = 7.2 * text.group(4).length();
      double left =
          switch (text.group(3)) {
            case "start" -> x;
            case "middle" -> x - extent / 2;
            default -> x - extent;
          };
      assertThat(left).as(text.group(4)).isGreaterThanOrEqualTo(0);
      assertThat(left + extent).as(text.group(4)).isLessThanOrEqualTo(width);
      assertThat(Integer.parseInt(text.group(2)) + 4).as(text.group(4)).isLessThan(height);
      labels.add(text.group(4));
    }
    assertThat(labels)
        .containsExactly(
            ReportFormat.percent(-limit) + " %",
            "0",
            ReportFormat.percent(limit) + " %",
            "mean change of the test error (blue: lower)");
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
      n++;
    }
    return n;
  }
}
