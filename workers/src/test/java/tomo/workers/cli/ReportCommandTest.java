package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import tomo.activities.report.LearningCurve;
import tomo.activities.report.OfflineReport;
import tomo.activities.report.ProvenanceSummary;
import tomo.activities.report.ReportDetails;
import tomo.activities.report.ReportFiles;
import tomo.activities.report.ReportTraining;
import tomo.activities.report.ReportWriter;
import tomo.activities.report.SweepAggregator;
import tomo.activities.report.SweepReport;
import tomo.activities.report.TrainingProvenance;
import tomo.activities.store.EpochPoint;
import tomo.workers.TomoCli;
import tomo.workflows.model.Representation;
import tomo.workflows.model.TrainingOutcome;

/** {@code tomo report --trainings … --out …}: the offline re-render, and the command's usage. */
class ReportCommandTest {
  @TempDir Path dir;

  private static final String BAND_GAP = "band_gap";
  private static final String SYSTEM = "spacegroup.crystal_system";
  // Not alphabetical, as a sweep spec's order need not be: the re-render must keep it.
  private static final List<String> SPEC_ORDER = List.of("volume", SYSTEM, BAND_GAP, "density");
  private static final List<String> TEXT_FILES =
      List.of(
          "table1.md",
          "table1.csv",
          "table1.json",
          "cells.csv",
          "trainings.csv",
          "curves.csv",
          "provenance.csv",
          "report.html");

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  /**
   * Two targets (one categorical) × three properties × two representations × three seeds, with
   * seed-dependent values so that min, max and mean differ, and one hole: no composition baseline
   * for seed 3 of band_gap.
   */
  private static List<TrainingOutcome> grid() {
    List<TrainingOutcome> outcomes = new ArrayList<>();
    for (String target : List.of(BAND_GAP, SYSTEM)) {
      String metric = target.equals(SYSTEM) ? "error_rate" : "mae";
      for (Representation representation : Representation.values()) {
        for (int seed = 1; seed <= 3; seed++) {
          double baseline =
              0.2 + 0.05 * seed + (representation == Representation.COMPOSITION ? 0.1 : 0);
          if (!(target.equals(BAND_GAP)
              && representation == Representation.COMPOSITION
              && seed == 3)) {
            // An artifact path with a comma and a quote: the CSV must carry it through.
            outcomes.add(
                new TrainingOutcome(
                    target, null, representation, seed, metric, baseline, 12, "base,\"" + seed));
          }
          int p = 0;
          for (String property : List.of("volume", BAND_GAP, "density")) {
            p++;
            if (property.equals(target)) {
              continue;
            }
            double change = (p == 1 ? -0.2 : 0.05) + 0.03 * (seed - 2) * p;
            outcomes.add(
                new TrainingOutcome(
                    target,
                    property,
                    representation,
                    seed,
                    metric,
                    baseline * (1 + change),
                    7 + seed,
                    "aug/" + property + "/" + seed));
          }
        }
      }
    }
    return outcomes;
  }

  private static ReportFiles writeReport(List<TrainingOutcome> outcomes, Path to) {
    return new ReportWriter().write(new SweepAggregator(SPEC_ORDER).aggregate(outcomes), to);
  }

  @Test
  void theRerenderTakesThePrimaryRuleAskedForAndSaysWhereItsSeedsCameFrom() throws IOException {
    ReportFiles original = writeReport(grid(), dir.resolve("original"));
    Path again = dir.resolve("again");

    CliRun r =
        run(
            "report",
            "--trainings",
            original.trainingsCsv().toString(),
            "--out",
            again.toString(),
            "--rule",
            "paper-bounds");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Primary rule (Table 1's \"significant\"): paper-bounds. Seeds of the sweep:")
        .contains("from the seeds seen in the trainings");
    assertThat(Files.readString(again.resolve("table1.json")))
        .contains("\"primaryRule\" : \"paper-bounds\"");
    CliRun bad =
        run(
            "report",
            "--trainings",
            original.trainingsCsv().toString(),
            "--out",
            dir.resolve("bad").toString(),
            "--rule",
            "ci95");
    assertThat(bad.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(bad.err()).contains("expected paired, interval, paper-bounds");
  }

  @Test
  void rerendersTheReportFromItsTrainingsCsv() throws IOException {
    ReportFiles original = writeReport(grid(), dir.resolve("original"));
    Path again = dir.resolve("again");

    CliRun r =
        run("report", "--trainings", original.trainingsCsv().toString(), "--out", again.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("from 1 file(s)").contains("2 unpaired").contains("table1.md");
    for (String name : TEXT_FILES) {
      assertThat(again.resolve(name))
          .as(name)
          .hasSameTextualContentAs(original.trainingsCsv().resolveSibling(name));
    }
    for (String representation : List.of("structure", "composition")) {
      for (String ext : List.of("png", "svg")) {
        Path heatmap = again.resolve("heatmap-" + representation + "." + ext);
        assertThat(heatmap).isNotEmptyFile();
      }
    }
    assertThat(listing(dir)).containsExactlyInAnyOrder("again", "original");
  }

  @Test
  void theRerenderKeepsTheLearningCurvesAndProvenance() throws IOException {
    List<TrainingOutcome> outcomes = grid();
    List<LearningCurve> curves = new ArrayList<>();
    for (TrainingOutcome t : outcomes) {
      curves.add(
          new LearningCurve(
              t.target(),
              t.property(),
              t.representation(),
              t.seed(),
              null,
              List.of(
                  new EpochPoint(1, 0.9, t.testMetric() * 1.5),
                  new EpochPoint(2, 0.6, t.testMetric()))));
    }
    ProvenanceSummary provenance =
        new ProvenanceSummary(
            List.of(new ProvenanceSummary.Entry("device", "cpu()", outcomes.size())));
    Path original = dir.resolve("original");
    new ReportWriter()
        .write(
            new SweepAggregator(SPEC_ORDER).aggregate(outcomes),
            new ReportDetails(curves, provenance, List.of()),
            original);
    Path again = dir.resolve("again");

    CliRun r =
        run(
            "report",
            "--trainings",
            original.resolve("trainings.csv").toString(),
            "--out",
            again.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    for (String name : List.of("curves.csv", "provenance.csv", "report.html")) {
      assertThat(again.resolve(name)).as(name).hasSameTextualContentAs(original.resolve(name));
    }
    assertThat(Files.readString(again.resolve("report.html")))
        .contains("<polyline ", "<td>device</td><td>cpu() (" + outcomes.size() + ")</td>");
  }

  @Test
  void aReportWithoutCurvesIsRerenderedWithAWarning() throws IOException {
    ReportFiles original = writeReport(grid(), dir.resolve("original"));
    Files.delete(original.curvesCsv());
    Path again = dir.resolve("again");

    CliRun r =
        run("report", "--trainings", original.trainingsCsv().toString(), "--out", again.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(again.resolve("report.html")))
        .contains("No learning curves")
        .contains("no curves.csv beside " + original.trainingsCsv());
  }

  @Test
  void mergesTheTrainingsOfSeveralReports() throws IOException {
    List<TrainingOutcome> all = grid();
    ReportFiles whole = writeReport(all, dir.resolve("whole"));
    // Two sweeps, one per representation, that share one training with the same result.
    List<TrainingOutcome> structure =
        new ArrayList<>(
            all.stream().filter(t -> t.representation() == Representation.STRUCTURE).toList());
    List<TrainingOutcome> composition =
        new ArrayList<>(
            all.stream().filter(t -> t.representation() == Representation.COMPOSITION).toList());
    composition.add(structure.get(0));
    Path a = writeReport(structure, dir.resolve("a")).trainingsCsv();
    Path b = writeReport(composition, dir.resolve("b")).trainingsCsv();
    Path merged = dir.resolve("merged");

    CliRun r =
        run(
            "report",
            "--trainings",
            a.toString(),
            "--trainings",
            b.toString(),
            "--out",
            merged.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(all.size() + " trainings from 2 file(s)");
    for (String name : TEXT_FILES) {
      assertThat(merged.resolve(name))
          .as(name)
          .hasSameTextualContentAs(whole.trainingsCsv().resolveSibling(name));
    }
  }

  @Test
  void aTrainingWithDifferentResultsInTwoFilesIsRefusedNamingBoth() throws IOException {
    List<TrainingOutcome> all = grid();
    Path a = writeReport(all, dir.resolve("a")).trainingsCsv();
    List<TrainingOutcome> changed = new ArrayList<>(all);
    TrainingOutcome t = changed.get(1);
    changed.set(
        1,
        new TrainingOutcome(
            t.target(),
            t.property(),
            t.representation(),
            t.seed(),
            t.metric(),
            t.testMetric() * 2,
            t.bestEpoch(),
            t.artifactPath()));
    Path b = writeReport(changed, dir.resolve("b")).trainingsCsv();
    Path out = dir.resolve("merged");

    CliRun r =
        run(
            "report",
            "--trainings",
            a.toString(),
            "--trainings",
            b.toString(),
            "--out",
            out.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains("training " + t.cellKey().label() + " appears twice with different results")
        .contains("in " + a)
        .contains("in " + b);
    assertThat(out).doesNotExist();
  }

  @Test
  void aBrokenRowNamesFileLineAndFieldAndWritesNothing() throws IOException {
    Path trainings = dir.resolve("trainings.csv");
    Files.writeString(
        trainings,
        "target,property,representation,seed,role,metric,test_metric,best_epoch,"
            + "baseline_test_metric,change_percent,artifact_path\n"
            + "band_gap,,structure,1,baseline,mae,0.5,10,,,x\n"
            + "band_gap,density,structure,1,augmented,mae,zero point four,10,0.5,-20,y\n");
    Path out = dir.resolve("reports").resolve("again");

    CliRun r = run("report", "--trainings", trainings.toString(), "--out", out.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains(trainings + ", line 3, field test_metric: 'zero point four' is not a number");
    assertThat(out).doesNotExist();
    assertThat(listing(dir)).containsExactly("trainings.csv");
  }

  @Test
  void aRenderThatFailsHalfWayLeavesNoPartialReport() throws IOException {
    // A learning curve without a target cannot be written: the writer fails after the heatmaps
    // and tables are written. (Curves files cannot hold one: their reader refuses it.)
    SweepReport r = new SweepAggregator().aggregate(grid());
    ReportDetails broken =
        new ReportDetails(
            List.of(
                new LearningCurve(
                    null,
                    null,
                    Representation.STRUCTURE,
                    1,
                    null,
                    List.of(new EpochPoint(1, 0.9, 0.5)))),
            ProvenanceSummary.empty(),
            List.of());
    Path out = dir.resolve("again");

    assertThatThrownBy(() -> OfflineReport.writeAtomically(r, broken, out))
        .isInstanceOf(RuntimeException.class);
    assertThat(listing(dir)).isEmpty();
  }

  @Test
  void aTrainingOfAnUnknownRepresentationIsRefusedNamingFileLineAndField() throws IOException {
    Path trainings = dir.resolve("trainings.csv");
    Files.writeString(
        trainings,
        "target,property,representation,seed,role,metric,test_metric,best_epoch,"
            + "baseline_test_metric,change_percent,artifact_path\n"
            + "band_gap,,x/y,1,baseline,mae,0.5,10,,,\n");
    Path out = dir.resolve("again");

    CliRun run = run("report", "--trainings", trainings.toString(), "--out", out.toString());

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.err())
        .contains(
            "trainings.csv, line 2, field representation: 'x/y' is not one of structure,"
                + " composition");
    assertThat(listing(dir)).containsExactly("trainings.csv");
  }

  @Test
  void aPerCellBaselineReportIsRefusedWithTheReason() throws IOException {
    // Such a report lists one baseline per property, all under the same training key.
    Path trainings = dir.resolve("trainings.csv");
    Files.writeString(
        trainings,
        "target,property,representation,seed,role,metric,test_metric,best_epoch,"
            + "baseline_test_metric,change_percent,artifact_path\n"
            + "band_gap,,structure,1,baseline,mae,0.5,10,,,\n"
            + "band_gap,density,structure,1,augmented,mae,0.4,10,0.5,-20,\n"
            + "band_gap,,structure,1,baseline,mae,0.6,10,,,\n"
            + "band_gap,volume,structure,1,augmented,mae,0.3,10,0.6,-50,\n");

    CliRun r =
        run("report", "--trainings", trainings.toString(), "--out", dir.resolve("o").toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains("training band_gap/-/structure/1 appears twice with different results")
        .contains("'baseline: per-cell' cannot be rendered from its trainings.csv");
    assertThat(listing(dir)).containsExactly("trainings.csv");
  }

  /** The grid's trainings as made by {@code trainer} on dataset {@code sha}. */
  private static List<ReportTraining> made(
      List<TrainingOutcome> outcomes, String trainer, String sha) {
    return outcomes.stream()
        .map(o -> new ReportTraining(o, new TrainingProvenance(trainer, sha, 20, null)))
        .toList();
  }

  private static Path writeTrainings(List<ReportTraining> trainings, Path to) {
    return new ReportWriter()
        .write(new SweepAggregator(SPEC_ORDER).aggregateTrainings(trainings), to)
        .trainingsCsv();
  }

  @Test
  void aSyntheticReportRerenderedStillSaysSo() throws IOException {
    Path a = writeTrainings(made(grid(), "synthetic-v1", "ab"), dir.resolve("a"));
    Path again = dir.resolve("again");

    CliRun r = run("report", "--trainings", a.toString(), "--out", again.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("WARNING: SYNTHETIC: made-up numbers from the synthetic-v1");
    assertThat(Files.readString(again.resolve("table1.md"))).startsWith("# SYNTHETIC — Table 1");
    for (String name : TEXT_FILES) {
      assertThat(again.resolve(name)).as(name).hasSameTextualContentAs(a.resolveSibling(name));
    }
  }

  @Test
  void twoTrainersAreRefusedNamingTheFilesAndTrainers() throws IOException {
    List<TrainingOutcome> all = grid();
    Path a =
        writeTrainings(
            made(
                all.stream().filter(t -> t.representation() == Representation.STRUCTURE).toList(),
                "cgcnn-v1",
                "ab"),
            dir.resolve("a"));
    Path b =
        writeTrainings(
            made(
                all.stream().filter(t -> t.representation() == Representation.COMPOSITION).toList(),
                "synthetic-v1",
                "ab"),
            dir.resolve("b"));
    Path out = dir.resolve("merged");

    CliRun r =
        run("report", "--trainings", a.toString(), "--trainings", b.toString(), "--out", "" + out);

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains(
            "a report never mixes trainers: "
                + a
                + " trained by cgcnn-v1; "
                + b
                + " trained by synthetic-v1");
    assertThat(out).doesNotExist();
  }

  @Test
  void twoDatasetVersionsAreRefusedNamingTheFiles() throws IOException {
    List<TrainingOutcome> all = grid();
    Path a =
        writeTrainings(
            made(all.stream().filter(t -> t.target().equals(BAND_GAP)).toList(), "cgcnn-v1", "ab"),
            dir.resolve("a"));
    Path b =
        writeTrainings(
            made(all.stream().filter(t -> t.target().equals(SYSTEM)).toList(), "cgcnn-v1", "cd"),
            dir.resolve("b"));

    CliRun r =
        run(
            "report",
            "--trainings",
            a.toString(),
            "--trainings",
            b.toString(),
            "--out",
            dir.resolve("m").toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err())
        .contains(
            "a report never mixes dataset versions: "
                + a
                + " read dataset SHA-256 ab; "
                + b
                + " read dataset SHA-256 cd");
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nowhere").resolve("trainings.csv");
    Path out = dir.resolve("out");

    CliRun r = run("report", "--trainings", missing.toString(), "--out", out.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains(missing + ": no such file");
    assertThat(out).doesNotExist();
  }

  @Test
  void aReportIsNotWrittenOverAnother() throws IOException {
    ReportFiles original = writeReport(grid(), dir.resolve("original"));
    String before = Files.readString(original.table1Csv());
    Path out = original.trainingsCsv().getParent();

    CliRun r =
        run("report", "--trainings", original.trainingsCsv().toString(), "--out", out.toString());

    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("--out " + out + " exists and is not an empty directory");
    assertThat(original.table1Csv()).hasContent(before);
    assertThat(listing(dir)).containsExactly("original");
  }

  @Test
  void neitherSweepIdNorTrainingsIsAUsageError() {
    CliRun r = run("report");

    assertThat(r.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(r.err())
        .contains("Missing required argument")
        .contains("SWEEP_ID")
        .contains("--trainings");
  }

  @Test
  void bothSweepIdAndTrainingsIsAUsageError() {
    CliRun r = run("report", "paper", "--trainings", "t.csv", "--out", dir.resolve("o").toString());

    assertThat(r.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(r.err()).contains("mutually exclusive");
    assertThat(dir.resolve("o")).doesNotExist();
  }

  @Test
  void trainingsWithoutOutIsAUsageError() {
    CliRun r = run("report", "--trainings", "t.csv");

    assertThat(r.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(r.err()).contains("--out");
  }

  @Test
  void aSweepIdAloneStillSelectsTheTemporalForm() {
    ParseResult parsed = TomoCli.commandLine().parseArgs("report", "paper", "--temporal", "h:1");

    ReportCommand report = (ReportCommand) parsed.subcommand().commandSpec().userObject();
    assertThat(report.source.sweepId).isEqualTo("paper");
    assertThat(report.source.offline).isNull();
    assertThat(report.temporal.target).isEqualTo("h:1");
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.map(p -> p.getFileName().toString()).toList();
    }
  }
}
