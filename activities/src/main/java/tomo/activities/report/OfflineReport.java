package tomo.activities.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tomo.materials.io.AtomicFiles;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.SignificanceRule;
import tomo.workflows.model.TrainingOutcome;

/**
 * A report rendered again, without Temporal, from the {@code trainings.csv} of earlier reports
 * (with the curves and provenance written beside them): the files are read, checked not to mix
 * trainers or dataset versions, merged, aggregated in the order the originals used and rendered by
 * {@link ReportWriter} into a new directory, all or nothing.
 */
public final class OfflineReport {
  private OfflineReport() {}

  /**
   * Renders the trainings of {@code trainingsFiles} into {@code out}.
   *
   * @param out a directory that does not exist or is empty (the caller checks that before anything
   *     is read, so that a refusal costs nothing); an empty one is replaced, anything else in the
   *     way makes the final rename fail and leaves it as it was
   * @return the rendered report
   * @throws IllegalArgumentException naming the file (and line and field) of a missing or bad file,
   *     of trainings whose trainers or datasets differ, or of one training with two results
   */
  public static SweepReport render(List<Path> trainingsFiles, Path out) throws IOException {
    return render(trainingsFiles, out, null);
  }

  /**
   * Renders the trainings of {@code trainingsFiles} into {@code out}, judging cells against the
   * sweep's seeds the earlier reports recorded in their {@code table1.json} (the union when several
   * are merged), or against the seeds seen in the trainings when any report recorded none; the
   * report states which.
   *
   * @param rule the primary rule; {@code null}: the one the earlier reports recorded, else paired
   * @see #render(List, Path)
   */
  public static SweepReport render(List<Path> trainingsFiles, Path out, SignificanceRule rule)
      throws IOException {
    List<List<ReportTraining>> perFile = new ArrayList<>();
    for (Path file : trainingsFiles) {
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            file + (Files.exists(file) ? ": not a regular file" : ": no such file"));
      }
      List<ReportTraining> trainings = TrainingsCsvReader.readTrainings(file);
      if (trainings.isEmpty()) {
        throw new IllegalArgumentException(file + ": no trainings, only a header");
      }
      perFile.add(trainings);
    }
    refuseMixing(trainingsFiles, perFile, TrainingProvenance::trainer, "trainers", "trained by");
    refuseMixing(
        trainingsFiles,
        perFile,
        TrainingProvenance::datasetSha256,
        "dataset versions",
        "read dataset SHA-256");
    refuseMixing(trainingsFiles, perFile, TrainingProvenance::protocol, "protocols", "followed");
    refuseMixing(trainingsFiles, perFile, TrainingProvenance::init, "inits", "with init");
    refuseMixing(
        trainingsFiles,
        perFile,
        TrainingProvenance::extraGain,
        "extra-input gains",
        "with extra gain");
    List<ReportTraining> merged = merge(trainingsFiles, perFile);
    ReportCriteria criteria = RecordedCriteria.beside(trainingsFiles, rule);
    List<List<TrainingOutcome>> outcomesPerFile =
        perFile.stream().map(f -> f.stream().map(ReportTraining::outcome).toList()).toList();
    SweepReport report;
    try {
      report =
          new SweepAggregator(ReportNameOrder.recover(outcomesPerFile), criteria)
              .aggregateTrainings(merged);
    } catch (IllegalArgumentException e) {
      // Mixing inside one file: the aggregator names the trainings, this names the files.
      throw new IllegalArgumentException(
          String.join(", ", trainingsFiles.stream().map(Path::toString).toList())
              + ": "
              + e.getMessage(),
          e);
    }
    // the learning curves and provenance the earlier reports wrote beside their trainings.csv
    writeAtomically(report, ReportDetailsCsv.readBeside(trainingsFiles), out);
    return report;
  }

  /**
   * A report never mixes trainers or dataset versions: files whose trainings differ in either are
   * refused, naming each file with its value ("not recorded" for files of an older tomo).
   */
  private static void refuseMixing(
      List<Path> files,
      List<List<ReportTraining>> perFile,
      Function<TrainingProvenance, String> field,
      String what,
      String verb) {
    Map<String, List<Path>> byValue = new LinkedHashMap<>();
    for (int f = 0; f < perFile.size(); f++) {
      for (ReportTraining t : perFile.get(f)) {
        String value =
            Objects.requireNonNullElse(field.apply(t.provenance()), SweepReport.NOT_RECORDED);
        List<Path> list = byValue.computeIfAbsent(value, v -> new ArrayList<>());
        if (!list.contains(files.get(f))) {
          list.add(files.get(f));
        }
      }
    }
    if (byValue.size() > 1) {
      List<String> parts = new ArrayList<>();
      byValue.forEach(
          (value, in) ->
              parts.add(
                  String.join(", ", in.stream().map(Path::toString).toList())
                      + " "
                      + verb
                      + " "
                      + value));
      throw new IllegalArgumentException(
          "a report never mixes " + what + ": " + String.join("; ", parts));
    }
  }

  /**
   * All trainings of all files. The same training in two places is kept once when the results agree
   * and refused, naming both files, when they differ.
   */
  private static List<ReportTraining> merge(List<Path> files, List<List<ReportTraining>> perFile) {
    record Seen(TrainingOutcome training, Path file) {}
    Map<CellKey, Seen> seen = new HashMap<>();
    List<ReportTraining> merged = new ArrayList<>();
    for (int f = 0; f < perFile.size(); f++) {
      for (ReportTraining r : perFile.get(f)) {
        TrainingOutcome t = r.outcome();
        Seen earlier = seen.putIfAbsent(t.cellKey(), new Seen(t, files.get(f)));
        if (earlier == null) {
          merged.add(r);
        } else if (!SweepAggregator.sameResult(earlier.training(), t)) {
          throw new IllegalArgumentException(
              conflict(earlier.file(), earlier.training(), files.get(f), t));
        }
      }
    }
    return merged;
  }

  private static String conflict(
      Path firstFile, TrainingOutcome first, Path secondFile, TrainingOutcome second) {
    String message =
        "training "
            + first.cellKey().label()
            + " appears twice with different results: "
            + first.metric()
            + "="
            + first.testMetric()
            + " in "
            + firstFile
            + " and "
            + second.metric()
            + "="
            + second.testMetric()
            + " in "
            + secondFile;
    if (first.property() == null && firstFile.equals(secondFile)) {
      // A per-cell-baseline report lists one baseline per property under the same key and does not
      // say which property each was trained for.
      message +=
          "; the report of a sweep with 'baseline: per-cell' cannot be rendered from its"
              + " trainings.csv";
    }
    return message;
  }

  /**
   * Renders into a hidden directory beside {@code out} and renames it, so that a failure leaves no
   * partial report behind; an existing {@code out} is empty (checked by the caller).
   */
  public static void writeAtomically(SweepReport report, ReportDetails details, Path out)
      throws IOException {
    AtomicFiles.writeDirectory(out, partial -> new ReportWriter().write(report, details, partial));
  }
}
