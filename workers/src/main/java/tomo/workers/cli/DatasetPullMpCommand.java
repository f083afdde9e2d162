package tomo.workers.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tomo.materials.mp.MaterialsProjectClient;
import tomo.materials.mp.MaterialsProjectPull;
import tomo.materials.mp.MpApiKey;

/** {@code tomo dataset pull-mp}: download the Materials Project into the dataset CSV layout. */
@Command(
    name = "pull-mp",
    mixinStandardHelpOptions = true,
    description = {
      "Download materials from the Materials Project's REST API (materials summary endpoint) into"
          + " the CSV layout sweeps read: material_id, the property columns, cif (P1).",
      "Columns: material_id, formation_energy_per_atom, band_gap, efermi, volume,"
          + " total_magnetization, spacegroup.number, spacegroup.crystal_system, energy,"
          + " energy_per_atom (both uncorrected DFT energies, as in the legacy API), e_above_hull,"
          + " density, nsites, cif. is_hubbard and oxide_type are not served by the summary"
          + " endpoint; the dataset reader derives them from the structure. Materials with"
          + " partially occupied sites are skipped (and counted).",
      "Resumable: after an interruption, run the same command with --resume."
    })
public final class DatasetPullMpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--api-key-file",
      required = true,
      paramLabel = "FILE",
      description = "File holding your Materials Project API key (never printed or logged).")
  Path apiKeyFile;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "Output CSV; gzip-compressed when the name ends in .gz.")
  Path out;

  @Option(
      names = "--resume",
      description = "Continue an interrupted pull of --out from its last complete page.")
  boolean resume;

  @Option(
      names = "--page-size",
      defaultValue = "500",
      description = "Materials per request (default: ${DEFAULT-VALUE}).")
  int pageSize;

  @Option(
      names = "--limit",
      defaultValue = "0",
      description = "Stop after this many materials; 0 = all (default: ${DEFAULT-VALUE}).")
  long limit;

  @Option(
      names = "--endpoint",
      defaultValue = "https://api.materialsproject.org",
      description = "API root (default: ${DEFAULT-VALUE}).")
  URI endpoint;

  @Override
  public Integer call() {
    MaterialsProjectClient client =
        new MaterialsProjectClient(endpoint, MpApiKey.fromFile(apiKeyFile));
    var outStream = spec.commandLine().getOut();
    MaterialsProjectPull.Progress done =
        MaterialsProjectPull.run(
            client,
            out,
            resume,
            pageSize,
            limit,
            p ->
                outStream.printf(
                    "%d materials written%s, %d skipped%n",
                    p.rowsWritten(),
                    p.totalDoc() >= 0 ? " of " + p.totalDoc() : "",
                    p.skippedMaterials()));
    outStream.printf(
        "%s: %d materials (%d skipped)%s%n",
        out,
        done.rowsWritten(),
        done.skippedMaterials(),
        done.complete() ? "" : "; stopped by --limit, --resume continues");
    outStream.flush();
    return 0;
  }
}
