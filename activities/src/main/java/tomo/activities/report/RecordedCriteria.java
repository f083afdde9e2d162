package tomo.activities.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tomo.workflows.model.SignificanceRule;

/**
 * The criteria a report rendered again inherits from the reports it comes from: the {@code
 * table1.json} beside each {@code trainings.csv} records the primary rule and the sweep's seeds.
 * Merged reports judge cells against the union of their seed lists; when any file's report recorded
 * none (a report written before seeds were recorded, or a lone trainings.csv) or took its own from
 * its trainings ({@code seedsFrom: seen}), the seeds seen in the trainings are used and the report
 * says so.
 */
final class RecordedCriteria {
  private RecordedCriteria() {}

  /** The table1.json a report wrote beside its trainings.csv. */
  static final String TABLE1_JSON = "table1.json";

  /**
   * @param rule the primary rule asked for; {@code null}: the one the reports recorded (all the
   *     same), else {@link SignificanceRule#DEFAULT}
   * @throws IllegalArgumentException naming the files when their recorded primary rules differ and
   *     none was asked for, or naming file and field of a malformed record
   */
  static ReportCriteria beside(List<Path> trainingsFiles, SignificanceRule rule) {
    TreeSet<Integer> seeds = new TreeSet<>();
    boolean allRecorded = true;
    Map<SignificanceRule, List<Path>> rules = new LinkedHashMap<>();
    for (Path trainings : trainingsFiles) {
      Path json = trainings.toAbsolutePath().resolveSibling(TABLE1_JSON);
      JsonNode root = Files.isRegularFile(json) ? read(json) : null;
      JsonNode recordedSeeds = root == null ? null : root.get("sweepSeeds");
      boolean seen =
          root != null
              && ReportCriteria.SeedSource.SEEN.label().equals(root.path("seedsFrom").asText());
      if (recordedSeeds == null || recordedSeeds.isNull() || seen) {
        allRecorded = false;
      } else {
        if (!recordedSeeds.isArray() || recordedSeeds.isEmpty()) {
          throw new IllegalArgumentException(
              json + ", field sweepSeeds: expected a non-empty list of integers");
        }
        for (int i = 0; i < recordedSeeds.size(); i++) {
          JsonNode s = recordedSeeds.get(i);
          if (!s.isInt()) {
            throw new IllegalArgumentException(
                json + ", field sweepSeeds[" + i + "]: expected an integer, got " + s);
          }
          seeds.add(s.asInt());
        }
      }
      JsonNode recordedRule = root == null ? null : root.get("primaryRule");
      if (recordedRule != null && !recordedRule.isNull()) {
        SignificanceRule r;
        try {
          r = SignificanceRule.of(recordedRule.asText());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(json + ", field primaryRule: " + e.getMessage(), e);
        }
        rules.computeIfAbsent(r, k -> new ArrayList<>()).add(json);
      }
    }
    SignificanceRule primary = rule;
    if (primary == null && rules.size() > 1) {
      List<String> parts = new ArrayList<>();
      rules.forEach(
          (r, files) ->
              parts.add(String.join(", ", files.stream().map(Path::toString).toList()) + ": " + r));
      throw new IllegalArgumentException(
          "the reports record different primary rules ("
              + String.join("; ", parts)
              + "); choose one with --rule");
    }
    if (primary == null) {
      primary = rules.isEmpty() ? SignificanceRule.DEFAULT : rules.keySet().iterator().next();
    }
    return allRecorded
        ? ReportCriteria.recorded(primary, seeds)
        : ReportCriteria.seenInTrainings(primary);
  }

  private static JsonNode read(Path json) {
    try {
      return new ObjectMapper().readTree(json.toFile());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(json + ": not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + json + ": " + e.getMessage(), e);
    }
  }
}
