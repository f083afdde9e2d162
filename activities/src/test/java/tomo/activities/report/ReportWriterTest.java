package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

class ReportWriterTest {

  /** The paper's 13 added properties; the first 9 serve as targets in the synthetic full grid. */
  static final List<String> PAPER_PROPERTIES =
      List.of(
          "band_gap",
          "density",
          "e_above_hull",
          "energy",
          "energy_per_atom",
          "formation_energy_per_atom",
          "total_magnetization",
          "volume",
          "spacegroup.crystal_system",
          "nsites",
          "is_hubbard",
          "oxide_type",
          "spacegroup.number");

  @TempDir Path dir;

  @Test
  void writesEveryFileInAReadableForm() throws Exception {
    List<TrainingOutcome> outcomes = new ArrayList<>(SweepAggregatorTest.handMade());
    // A path that needs CSV quoting must survive the round trip.
    outcomes.add(
        new TrainingOutcome(
            "band_gap",
            "oxide_type",
            Representation.STRUCTURE,
            1,
            "mae",
            0.55,
            3,
            "runs/a,b \"quoted\"\nnext"));
    SweepReport report = new SweepAggregator().aggregate(outcomes);

    ReportFiles files = new ReportWriter().write(report, outputDir("hand-made"));

    assertThat(files.all()).allSatisfy(f -> assertThat(f).isRegularFile().isNotEmptyFile());
    assertThat(files.heatmapPng().keySet())
        .containsExactly(Representation.STRUCTURE, Representation.COMPOSITION);
    // The grid, and room for the banner and warning lines above it.
    HeatmapLayout layout = new HeatmapRenderer(report, 10).layout();
    assertThat(layout.heightPx())
        .isEqualTo(
            HeatmapLayout.of(report.targets().size(), report.properties().size(), 2).heightPx());
    for (Path png : files.heatmapPng().values()) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image).as(png.toString()).isNotNull();
      assertThat(image.getWidth()).isEqualTo(layout.widthPx());
      assertThat(image.getHeight()).isEqualTo(layout.heightPx());
    }
    DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
    // The SVG 1.1 DOCTYPE names a DTD on the web; a well-formedness check needs no network.
    xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    for (Path svg : files.heatmapSvg().values()) {
      Document doc = xml.newDocumentBuilder().parse(svg.toFile());
      assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    }
    assertThat(Files.readString(files.heatmapSvg().get(Representation.STRUCTURE)))
        .contains(">-11.7*<", ">[-20.0, -5.0]<", ">-3.3<");
    // volume, composition: -5 % for its 2 seeds, but seed 3 is missing: incomplete, no *
    assertThat(Files.readString(files.heatmapSvg().get(Representation.COMPOSITION)))
        .contains(">-5.0<", ">incomplete: seed 3 missing<", ">no data<")
        .doesNotContain(">-5.0*<");
    assertThat(files.paperHeatmapPng().keySet())
        .containsExactly(Representation.STRUCTURE, Representation.COMPOSITION);
    for (Path png : files.paperHeatmapPng().values()) {
      assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(layout.widthPx());
    }

    List<CsvRecord> table = csv(files.table1Csv());
    assertThat(table.get(0).getFields())
        .containsExactly(
            "target",
            "structure",
            "composition",
            "structure_not_composition",
            "structure_paired",
            "composition_paired",
            "structure_interval",
            "composition_interval",
            "structure_paper_bounds",
            "composition_paper_bounds",
            "structure_incomplete",
            "composition_incomplete",
            "primary_rule",
            "trainer",
            "warnings",
            "line");
    assertThat(table.get(1).getFields())
        .containsExactly(
            "band_gap",
            "density",
            "",
            "density",
            "density",
            "",
            "",
            "",
            "",
            "",
            "oxide_type",
            "density; volume",
            "paired",
            "not recorded",
            "trainer not recorded; baseline unchecked",
            "significant properties");
    assertThat(table.get(2).getFields().subList(0, 6))
        .containsExactly("spacegroup.crystal_system", "band_gap", "", "band_gap", "band_gap", "");

    List<CsvRecord> trainings = csv(files.trainingsCsv());
    assertThat(trainings).hasSize(report.trainings().size() + 1);
    assertThat(trainings.get(0).getField(0)).isEqualTo("target");
    assertThat(trainings)
        .anySatisfy(r -> assertThat(r.getField(10)).isEqualTo("runs/a,b \"quoted\"\nnext"));
    CsvRecord firstAugmented =
        trainings.stream().filter(r -> r.getField(4).equals("augmented")).findFirst().orElseThrow();
    assertThat(firstAugmented.getField(9)).isNotEmpty();
    assertThat(Double.parseDouble(firstAugmented.getField(9))).isFinite();

    List<CsvRecord> cells = csv(files.cellsCsv());
    assertThat(cells).hasSize(report.cells().size() + 1);

    JsonNode json = new ObjectMapper().readTree(files.table1Json().toFile());
    assertThat(json.get("table1").get(0).get("target").asText()).isEqualTo("band_gap");
    assertThat(
            json.get("table1")
                .get(0)
                .get("significantByRepresentation")
                .get("structure")
                .get(0)
                .asText())
        .isEqualTo("density");
    assertThat(json.get("cells").size()).isEqualTo(report.cells().size());
    assertThat(json.get("missing").size()).isEqualTo(report.missing().size());

    String markdown = Files.readString(files.table1Markdown());
    assertThat(markdown)
        .contains(
            "| band_gap | density (-11.7 %) | none | density (-11.7 %) | none | none | none | none"
                + " | oxide_type (seeds 2 3 missing, 1 seed) | density (seed 3 missing), volume"
                + " (seed 3 missing) |")
        .contains("| spacegroup.crystal_system | band_gap (-40.0 %) | none | band_gap (-40.0 %) |")
        .contains("## Unpaired trainings")
        .contains("| band_gap | density | composition | 3 | no baseline training |");
  }

  @Test
  void outputIsTheSameForTheSameReport() throws IOException {
    SweepReport report = new SweepAggregator().aggregate(SweepAggregatorTest.handMade());
    ReportFiles first = new ReportWriter().write(report, dir.resolve("a"));
    ReportFiles second = new ReportWriter().write(report, dir.resolve("b"));
    for (int i = 0; i < first.all().size(); i++) {
      assertThat(Files.readAllBytes(second.all().get(i)))
          .as(first.all().get(i).getFileName().toString())
          .isEqualTo(Files.readAllBytes(first.all().get(i)));
    }
  }

  @Test
  void rendersThePapersFullGrid() throws Exception {
    SweepReport report = new SweepAggregator(PAPER_PROPERTIES).aggregate(syntheticPaperGrid());
    assertThat(report.targets()).hasSize(9);
    assertThat(report.properties()).hasSize(13);
    assertThat(report.cells()).hasSize(2 * (9 * 13 - 9));
    assertThat(report.missing()).isEmpty();

    ReportFiles files = new ReportWriter().write(report, outputDir("paper-grid"));

    HeatmapLayout layout = new HeatmapRenderer(report, 10).layout();
    for (Path png : files.heatmapPng().values()) {
      BufferedImage image = ImageIO.read(png.toFile());
      assertThat(image.getWidth()).isEqualTo(layout.widthPx());
      assertThat(image.getHeight()).isEqualTo(layout.heightPx());
    }
    assertThat(csv(files.trainingsCsv())).hasSize(1 + 9 * 2 * 5 * 13);
    assertThat(csv(files.table1Csv())).hasSize(1 + 9);
  }

  /**
   * 9 targets × 13 properties × 2 representations × 5 seeds with a shared baseline: each property
   * has a fixed effect on each target plus seed noise, stronger with the structure.
   */
  static List<TrainingOutcome> syntheticPaperGrid() {
    Random random = new Random(7);
    List<TrainingOutcome> outcomes = new ArrayList<>();
    List<String> targets = PAPER_PROPERTIES.subList(0, 9);
    for (String target : targets) {
      String metric = target.startsWith("spacegroup") ? "error_rate" : "mae";
      for (Representation representation : Representation.values()) {
        double[] effect = new double[PAPER_PROPERTIES.size()];
        for (int p = 0; p < effect.length; p++) {
          effect[p] = -70 * Math.pow(random.nextDouble(), 3) + 12 * random.nextGaussian();
        }
        for (int seed = 1; seed <= 5; seed++) {
          double baseline = 0.1 + random.nextDouble();
          outcomes.add(
              new TrainingOutcome(
                  target, null, representation, seed, metric, baseline, 100, "base/" + seed));
          for (int p = 0; p < effect.length; p++) {
            String property = PAPER_PROPERTIES.get(p);
            if (property.equals(target)) {
              continue;
            }
            double change = effect[p] + 4 * random.nextGaussian();
            outcomes.add(
                new TrainingOutcome(
                    target,
                    property,
                    representation,
                    seed,
                    metric,
                    baseline * (1 + change / 100),
                    100,
                    "aug/" + property + "/" + seed));
          }
        }
      }
    }
    return outcomes;
  }

  /** A temporary directory, or with TOMO_REPORT_EXAMPLE_DIR set one that is kept for a look. */
  private Path outputDir(String name) {
    String keep = System.getenv("TOMO_REPORT_EXAMPLE_DIR");
    return (keep == null ? dir : Path.of(keep)).resolve(name);
  }

  private static List<CsvRecord> csv(Path file) throws IOException {
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      return reader.stream().toList();
    }
  }
}
