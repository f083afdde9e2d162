package tomo.materials.mp;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tomo.materials.cif.CifWriter;
import tomo.materials.io.AtomicFiles;

/**
 * Pulls the Materials Project's summary endpoint into the dataset CSV layout the sweeps read
 * ({@code material_id}, the property columns with the legacy dotted names, {@code cif}).
 *
 * <p>Resumable: each page is appended as its own gzip member (a {@code .csv.gz} of several members
 * is one valid gzip stream) and then the page's end is recorded in {@code <out>.progress.json}.
 * After an interruption, {@code resume} cuts the file back to the last recorded page end and
 * continues from the next page, so no row is lost or written twice.
 */
public final class MaterialsProjectPull {
  /** The CSV header: the shared dataset's columns first, then the ones it lacks, cif last. */
  public static final List<String> HEADER =
      List.of(
          "material_id",
          "formation_energy_per_atom",
          "band_gap",
          "efermi",
          "volume",
          "total_magnetization",
          "spacegroup.number",
          "spacegroup.crystal_system",
          "energy",
          "energy_per_atom",
          "e_above_hull",
          "density",
          "nsites",
          "cif");

  private static final Logger log = LoggerFactory.getLogger(MaterialsProjectPull.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private MaterialsProjectPull() {}

  /**
   * Where a pull stands, as saved after every page.
   *
   * @param nextSkip offset of the next page to read
   * @param rowsWritten materials written so far
   * @param skippedMaterials materials left out (e.g. disordered sites)
   * @param bytes length of the output file after the last complete page
   * @param totalDoc the endpoint's total, -1 when unknown
   * @param complete true once the last page is written
   */
  public record Progress(
      long nextSkip,
      long rowsWritten,
      long skippedMaterials,
      long bytes,
      long totalDoc,
      boolean complete) {
    static final Progress START = new Progress(0, 0, 0, 0, -1, false);
  }

  /** The progress file of {@code out}. */
  public static Path progressFile(Path out) {
    return out.resolveSibling(out.getFileName() + ".progress.json");
  }

  /**
   * Runs (or resumes) a pull.
   *
   * @param pageSize materials per request
   * @param limit stop after this many materials (0 = all)
   * @param onPage called after every saved page
   * @return the final progress
   */
  public static Progress run(
      MaterialsProjectClient client,
      Path out,
      boolean resume,
      int pageSize,
      long limit,
      Consumer<Progress> onPage) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be at least 1, got " + pageSize);
    }
    Path progressFile = progressFile(out);
    Progress p = start(out, progressFile, resume);
    if (p.complete()) {
      log.info("{} is already complete ({} materials)", out, p.rowsWritten());
      return p;
    }
    try {
      truncate(out, p.bytes());
      while (true) {
        int want = pageSize;
        if (limit > 0) {
          long left = limit - p.rowsWritten();
          if (left <= 0) {
            break;
          }
          want = (int) Math.min(pageSize, left);
        }
        MaterialsProjectClient.SummaryPage page = client.page(p.nextSkip(), want);
        for (String s : page.skipped()) {
          log.warn("skipped {}", s);
        }
        long bytes = appendPage(out, page.materials(), p.bytes() == 0);
        boolean last =
            page.rawCount() < want
                || (page.totalDoc() >= 0 && p.nextSkip() + page.rawCount() >= page.totalDoc());
        p =
            new Progress(
                p.nextSkip() + page.rawCount(),
                p.rowsWritten() + page.materials().size(),
                p.skippedMaterials() + page.skipped().size(),
                bytes,
                page.totalDoc(),
                last);
        save(progressFile, p);
        onPage.accept(p);
        if (last) {
          break;
        }
      }
      // when stopped by the limit, a later resume without a limit carries on from here
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + out + ": " + e.getMessage(), e);
    }
  }

  private static Progress start(Path out, Path progressFile, boolean resume) {
    boolean outExists = Files.exists(out);
    if (!resume) {
      if (outExists) {
        throw new IllegalArgumentException(
            out + " exists: pass --resume to continue that pull, or choose another --out");
      }
      return Progress.START;
    }
    if (!Files.exists(progressFile)) {
      if (outExists) {
        throw new IllegalArgumentException(
            "cannot resume "
                + out
                + ": its progress file "
                + progressFile
                + " is missing, so the last complete page is unknown");
      }
      return Progress.START;
    }
    try {
      Progress p = JSON.readValue(progressFile.toFile(), Progress.class);
      long size = outExists ? Files.size(out) : 0;
      if (size < p.bytes()) {
        throw new IllegalArgumentException(
            "cannot resume "
                + out
                + ": it has "
                + size
                + " bytes but "
                + progressFile
                + " records "
                + p.bytes());
      }
      log.info(
          "resuming {} after {} materials (next offset {})", out, p.rowsWritten(), p.nextSkip());
      return p;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read progress file " + progressFile + ": " + e.getMessage());
    }
  }

  private static void truncate(Path out, long bytes) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE)) {
      if (ch.size() > bytes) {
        log.info("dropping {} bytes of an unfinished page from {}", ch.size() - bytes, out);
        ch.truncate(bytes);
      }
    }
  }

  /** Appends one page (a gzip member for .gz) and syncs it; returns the file's new length. */
  private static long appendPage(Path out, List<MpMaterial> materials, boolean header)
      throws IOException {
    boolean gzip = out.getFileName().toString().endsWith(".gz");
    try (FileOutputStream file = new FileOutputStream(out.toFile(), true)) {
      OutputStream stream = gzip ? new GZIPOutputStream(file, 1 << 16) : file;
      CsvWriter csv =
          CsvWriter.builder()
              .lineDelimiter(LineDelimiter.LF)
              .build(new NonClosing(stream), StandardCharsets.UTF_8);
      if (header) {
        csv.writeRecord(HEADER);
      }
      for (MpMaterial m : materials) {
        csv.writeRecord(row(m));
      }
      csv.close();
      if (stream instanceof GZIPOutputStream g) {
        g.finish();
      }
      stream.flush();
      file.getFD().sync();
      return file.getChannel().size();
    }
  }

  /** One CSV row in {@link #HEADER} order; a missing value is an empty field. */
  static List<String> row(MpMaterial m) {
    List<String> r = new ArrayList<>(HEADER.size());
    int nsites = m.structure().nsites();
    r.add(m.materialId());
    r.add(num(m.formationEnergyPerAtom()));
    r.add(num(m.bandGap()));
    r.add(num(m.efermi()));
    r.add(num(m.volume()));
    r.add(num(m.totalMagnetization()));
    r.add(m.spacegroupNumber() > 0 ? Integer.toString(m.spacegroupNumber()) : "");
    r.add(m.crystalSystem() == null ? "" : m.crystalSystem());
    // legacy energy / energy_per_atom are the raw (uncorrected) DFT energies of the cell / atom
    r.add(num(m.uncorrectedEnergyPerAtom() * nsites));
    r.add(num(m.uncorrectedEnergyPerAtom()));
    r.add(num(m.energyAboveHull()));
    r.add(num(m.density()));
    r.add(Integer.toString(nsites));
    r.add(CifWriter.write(m.structure()));
    return r;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? Double.toString(v) : "";
  }

  private static void save(Path progressFile, Progress p) throws IOException {
    AtomicFiles.write(progressFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(p));
  }

  /** Lets the CSV writer close without closing the gzip stream before {@code finish()}. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
