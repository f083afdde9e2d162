package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/** Opens {@code report.html} in headless Chromium and checks that it rendered. */
class HtmlReportBrowserTest {
  @TempDir Path dir;

  @Test
  void theReportRendersInAHeadlessBrowserWithoutConsoleErrors() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip(dir);
    List<TrainingOutcome> outcomes = SweepAggregatorTest.handMade();
    SweepReport report = new SweepAggregator().aggregate(outcomes);
    Path out = outputDir();
    ReportFiles files =
        new ReportWriter().write(report, HtmlReportWriterTest.details(outcomes), out);
    Path png = out.resolve("report-screenshot.png");

    List<String> console = chromium.screenshot(files.html(), png, 1280, 2400);
    HeadlessChromium.Page page = chromium.dumpDom(files.html());

    assertThat(console).as("console messages of the page").isEmpty();
    assertThat(page.consoleMessages()).isEmpty();
    // the inline script ran to its end, and the browser built the SVG heatmaps and curves
    assertThat(page.dom()).contains("data-rendered=\"yes\"");
    assertThat(page.dom()).contains("<svg class=\"heatmap\"", "<polyline");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as(png.toString()).isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    assertThat(colours(image)).as("distinct colours in the screenshot").hasSizeGreaterThan(20);
    // the significant cell's colour, painted by the browser from the inline SVG
    Color significant =
        new DivergingPaintScale(DivergingPaintScale.colourLimit(report))
            .color(
                report
                    .cell("band_gap", "density", Representation.STRUCTURE)
                    .orElseThrow()
                    .meanChangePercent());
    assertThat(colours(image)).contains(significant.getRGB() & 0xffffff);

    // the same page with every curve section open draws the augmented curves in their colour
    Path opened = out.resolve("report-curves-open.html");
    Files.writeString(
        opened,
        Files.readString(files.html())
            .replace("<details class=\"curves\">", "<details class=\"curves\" open>"));
    Path curvesPng = out.resolve("report-curves-screenshot.png");
    assertThat(chromium.screenshot(opened, curvesPng, 1280, 2400)).isEmpty();
    Color augmented = Color.decode(CurvePlot.AUGMENTED_COLOUR);
    long closedCurves = pixelsNear(image, augmented); // the key's swatch only
    long openCurves = pixelsNear(ImageIO.read(curvesPng.toFile()), augmented);
    assertThat(openCurves)
        .as("pixels near the augmented curves' colour %s", CurvePlot.AUGMENTED_COLOUR)
        .isGreaterThan(closedCurves + 500);
  }

  /**
   * Where the browser itself lays out each legend text of a heatmap, against the picture's viewBox:
   * any text reaching outside it is clipped on screen.
   */
  private static final String MEASURE_LEGENDS =
      """
      <script>
      var outside=[],measured=0;
      document.querySelectorAll('svg.heatmap').forEach(function(svg){
        var v=svg.viewBox.baseVal;
        svg.querySelectorAll('g.legend text').forEach(function(t){
          var b=t.getBBox();measured++;
          if(b.x<0||b.y<0||b.x+b.width>v.width||b.y+b.height>v.height){
            outside.push(t.textContent+' at '+Math.round(b.x)+'..'+Math.round(b.x+b.width)+' x '
              +Math.round(b.y)+'..'+Math.round(b.y+b.height)+' in '+v.width+' x '+v.height);}
        });
      });
      document.documentElement.setAttribute('data-legend-texts',String(measured));
      document.documentElement.setAttribute('data-legend-outside',outside.join('; ')||'none');
      </script>
      """;

  @Test
  void theLegendOfAOneTargetHeatmapIsNotClipped() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip(dir);
    SweepReport report =
        new SweepAggregator().aggregate(HtmlReportWriterTest.oneTargetWithItsOwnCell());
    assertThat(report.targets()).hasSize(1);
    Path out = Files.createDirectories(outputDir().resolveSibling("html-one-target"));
    ReportFiles files = new ReportWriter().write(report, out);
    Path measured = out.resolve("report-measured.html");
    Files.writeString(
        measured, Files.readString(files.html()).replace("</body>", MEASURE_LEGENDS + "</body>"));

    HeadlessChromium.Page page = chromium.dumpDom(measured);

    assertThat(page.consoleMessages()).isEmpty();
    // bar labels and caption of the one heatmap, each inside the drawn area
    assertThat(page.dom()).contains("data-legend-texts=\"4\"");
    Matcher outside = Pattern.compile("data-legend-outside=\"([^\"]*)\"").matcher(page.dom());
    assertThat(outside.find()).as("the measuring script ran").isTrue();
    assertThat(outside.group(1)).as("legend texts outside the heatmap").isEqualTo("none");
    assertThat(page.dom()).contains(">self -75.0</text>", ">check passed</text>");
  }

  private static long pixelsNear(BufferedImage image, Color line) {
    long n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if (near(new Color(image.getRGB(x, y)), line)) {
          n++;
        }
      }
    }
    return n;
  }

  /** Within what an anti-aliased, translucent line on white leaves of a colour. */
  private static boolean near(Color c, Color line) {
    return Math.abs(c.getRed() - line.getRed()) < 30
        && Math.abs(c.getGreen() - line.getGreen()) < 50
        && Math.abs(c.getBlue() - line.getBlue()) < 70;
  }

  @Test
  void aBrokenScriptIsCaught() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip(dir);
    Path html = dir.resolve("broken.html");
    Files.writeString(
        html,
        "<!DOCTYPE html><html><body><p>x</p><script>noSuchFunction();</script></body></html>");

    List<String> console = chromium.screenshot(html, dir.resolve("broken.png"), 400, 300);

    assertThat(console).anySatisfy(l -> assertThat(l).contains("Uncaught ReferenceError"));
  }

  private static Set<Integer> colours(BufferedImage image) {
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        colours.add(image.getRGB(x, y) & 0xffffff);
      }
    }
    return colours;
  }

  /** A temporary directory, or with TOMO_REPORT_EXAMPLE_DIR set one that is kept for a look. */
  private Path outputDir() throws Exception {
    String keep = System.getenv("TOMO_REPORT_EXAMPLE_DIR");
    return Files.createDirectories((keep == null ? dir : Path.of(keep)).resolve("html-hand-made"));
  }
}
