package tomo.activities.orchestration;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.activity.PrepareActivities;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.SweepSpec;

/**
 * Checks a sweep's dataset: the file exists and parses as CSV, every target and property is known,
 * and computes the content hash every training is keyed by.
 */
public final class PrepareActivitiesImpl implements PrepareActivities {
  /** The property names of the paper's grid (dataset columns and properties derived from them). */
  public static final Set<String> PAPER_PROPERTIES =
      Set.of(
          "band_gap",
          "density",
          "e_above_hull",
          "energy",
          "energy_per_atom",
          "formation_energy_per_atom",
          "nsites",
          "total_magnetization",
          "volume",
          "is_hubbard",
          "oxide_type",
          "spacegroup.crystal_system",
          "spacegroup.number",
          "efermi");

  private static final Logger log = LoggerFactory.getLogger(PrepareActivitiesImpl.class);

  private final Path defaultDataset;
  private final Set<String> knownProperties;

  /**
   * @param defaultDataset the dataset of specs that name none; {@code null} = {@link
   *     DatasetLocation#resolve} at run time
   * @param knownProperties names a spec may use as target or property
   */
  public PrepareActivitiesImpl(Path defaultDataset, Set<String> knownProperties) {
    this.defaultDataset = defaultDataset;
    this.knownProperties = Set.copyOf(knownProperties);
  }

  @Override
  public PreparedDataset prepare(SweepSpec spec) {
    check(spec.targets(), "targets");
    check(spec.properties(), "properties");
    Path file = datasetFile(spec);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      int rows = 0;
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
          InputStream data = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
          DigestInputStream digest = new DigestInputStream(data, sha);
          CsvReader<CsvRecord> csv =
              CsvReader.builder()
                  .ofCsvRecord(new InputStreamReader(digest, StandardCharsets.UTF_8))) {
        for (CsvRecord ignored : csv) {
          rows++;
          if (rows % 5_000 == 0) {
            Activity.getExecutionContext().heartbeat(rows);
          }
        }
        // the hash covers the whole decompressed file, also bytes after the last record
        digest.transferTo(OutputStreamSink.INSTANCE);
      }
      int materials = Math.max(0, rows - 1);
      if (materials == 0) {
        throw ApplicationFailure.newNonRetryableFailure(
            file + ": no data rows after the header", TrainingActivities.BAD_INPUT);
      }
      if (spec.limit() > 0) {
        materials = Math.min(materials, spec.limit());
      }
      String hash = HexFormat.of().formatHex(sha.digest());
      log.info("dataset {}: {} materials, sha256 {}", file, materials, hash);
      return new PreparedDataset(file.toString(), hash, materials, List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dataset " + file + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Path datasetFile(SweepSpec spec) {
    try {
      Path file =
          spec.dataset() != null
              ? Path.of(spec.dataset())
              : defaultDataset != null ? defaultDataset : DatasetLocation.resolve(null);
      if (!Files.isRegularFile(file)) {
        throw ApplicationFailure.newNonRetryableFailure(
            "sweep spec field 'dataset': file " + file + " not found",
            TrainingActivities.BAD_INPUT);
      }
      return file;
    } catch (DatasetLocation.DatasetNotFoundException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), TrainingActivities.BAD_INPUT);
    }
  }

  private void check(List<String> names, String field) {
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (!knownProperties.contains(names.get(i))) {
        unknown.add(field + "[" + i + "] '" + names.get(i) + "'");
      }
    }
    if (!unknown.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "sweep spec: unknown "
              + String.join(", ", unknown)
              + " (known: "
              + String.join(", ", knownProperties.stream().sorted().toList())
              + ")",
          TrainingActivities.BAD_INPUT);
    }
  }

  /** Discards bytes (only their digest matters). */
  private static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
