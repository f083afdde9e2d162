package tomo.activities.report;

import de.siegmar.fastcsv.writer.CsvWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.TrainingOutcome;

/**
 * The numbers Table 1 rests on, for analysis outside tomo: {@code cells.csv} (a row per cell, the
 * diagonal and the null control included: its seeds, changes, interval, paper bounds and verdict
 * under every rule) and {@code trainings.csv} (a row per stored training, with its baseline's
 * metric and what its provenance recorded).
 */
final class ResultsCsv {
  private final SweepReport report;
  private final ReportCriteria criteria;
  private final ReportChecks checks;

  ResultsCsv(SweepReport report) {
    this.report = report;
    this.criteria = report.criteria();
    this.checks = report.checks();
  }

  void writeCells(Path file) throws IOException {
    try (CsvWriter csv = CsvFiles.writer(file)) {
      csv.writeRecord(
          "target",
          "property",
          "representation",
          "metric",
          "seeds",
          "seed_list",
          "mean_change_percent",
          "min_change_percent",
          "max_change_percent",
          "mean_baseline_metric",
          "mean_augmented_metric",
          "seed_changes_percent",
          "improved_seeds",
          "ci95_low_percent",
          "ci95_high_percent",
          "paper_value_percent",
          "paper_upper_percent",
          "paper_lower_percent",
          "complete",
          "missing_seeds",
          "incomplete_reason",
          "significant_paired",
          "significant_interval",
          "significant_paper_bounds",
          "primary_rule",
          "significant",
          "diagonal",
          "null_control",
          "trainer",
          "warnings");
      List<CellSummary> all = new ArrayList<>(report.cells());
      all.addAll(report.diagonal());
      all.addAll(report.controls());
      for (CellSummary c : all) {
        MeanChangeInterval ci = c.interval();
        csv.writeRecord(
            c.target(),
            c.property(),
            c.representation().label(),
            c.metric(),
            String.valueOf(c.seedCount()),
            c.seeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            String.valueOf(c.meanChangePercent()),
            String.valueOf(c.minChangePercent()),
            String.valueOf(c.maxChangePercent()),
            String.valueOf(c.meanBaselineMetric()),
            String.valueOf(c.meanAugmentedMetric()),
            c.changesPercent().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            String.valueOf(c.improvedSeeds()),
            ci == null ? "" : String.valueOf(ci.lowPercent()),
            ci == null ? "" : String.valueOf(ci.highPercent()),
            String.valueOf(c.paperBounds().valuePercent()),
            String.valueOf(c.paperBounds().upperPercent()),
            String.valueOf(c.paperBounds().lowerPercent()),
            String.valueOf(c.complete()),
            c.missingSeeds().stream().map(String::valueOf).collect(Collectors.joining(" ")),
            c.incompleteReason(),
            String.valueOf(c.significant(SignificanceRule.PAIRED)),
            String.valueOf(c.significant(SignificanceRule.INTERVAL)),
            String.valueOf(c.significant(SignificanceRule.PAPER_BOUNDS)),
            criteria.primaryRule().label(),
            String.valueOf(c.significant(criteria.primaryRule())),
            String.valueOf(c.property().equals(c.target())),
            String.valueOf(report.controls().contains(c)),
            report.trainerOrNotRecorded(),
            cellWarnings(c));
      }
    }
  }

  void writeTrainings(Path file) throws IOException {
    Map<CellKey, PairedTraining> pairs = new HashMap<>();
    for (PairedTraining p : report.pairs()) {
      pairs.put(new CellKey(p.target(), p.property(), p.representation(), p.seed()), p);
    }
    try (CsvWriter csv = CsvFiles.writer(file)) {
      csv.writeRecord(
          "target",
          "property",
          "representation",
          "seed",
          "role",
          "metric",
          "test_metric",
          "best_epoch",
          "baseline_test_metric",
          "change_percent",
          "artifact_path",
          "trainer",
          "dataset_sha256",
          "epochs",
          "reference_test_metric",
          "init",
          "extra_gain",
          "protocol");
      for (int i = 0; i < report.trainings().size(); i++) {
        TrainingOutcome t = report.trainings().get(i);
        TrainingProvenance p = report.provenance().get(i);
        PairedTraining pair = pairs.get(t.cellKey());
        csv.writeRecord(
            t.target(),
            t.property() == null ? "" : t.property(),
            t.representation().label(),
            String.valueOf(t.seed()),
            t.property() == null ? "baseline" : "augmented",
            t.metric(),
            String.valueOf(t.testMetric()),
            String.valueOf(t.bestEpoch()),
            pair == null ? "" : String.valueOf(pair.baselineMetric()),
            pair == null ? "" : String.valueOf(pair.changePercent()),
            t.artifactPath() == null ? "" : t.artifactPath(),
            Objects.toString(p.trainer(), ""),
            Objects.toString(p.datasetSha256(), ""),
            Objects.toString(p.epochs(), ""),
            Objects.toString(p.referenceTestMetric(), ""),
            Objects.toString(p.init(), ""),
            Objects.toString(p.extraGain(), ""),
            Objects.toString(p.protocol(), ""));
      }
    }
  }

  private String cellWarnings(CellSummary c) {
    List<String> tags = new ArrayList<>();
    report.originTag().ifPresent(tags::add);
    tags.addAll(checks.cellWarnings(c.target(), c.representation()));
    return String.join(ReportFormat.LIST_SEPARATOR, tags);
  }
}
