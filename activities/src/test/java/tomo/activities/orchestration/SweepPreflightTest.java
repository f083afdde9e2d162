package tomo.activities.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.activities.report.NotRunCsv;
import tomo.materials.dataset.DatasetLocation;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.ReportSummary;
import tomo.workflows.model.SweepSpec;
import tomo.workflows.model.SweepSpecException;
import tomo.workflows.model.SweepSpecParser;
import tomo.workflows.model.UnavailableName;

/** The checks sweep start runs against the shared dataset before anything is scheduled. */
class SweepPreflightTest {
  @TempDir Path dir;

  private static SweepSpec repoSpec(String name, String extra) throws Exception {
    return SweepSpecParser.parse(
        Files.readString(Path.of("..", "sweeps", name)) + extra, "sweeps/" + name);
  }

  @Test
  void thePaperGridIsRefusedOnTheSharedDataNamingWhatItLacks() throws Exception {
    SweepSpec paper = repoSpec("paper.yaml", "");
    assertThatThrownBy(() -> SweepPreflight.check(paper, DatasetLocation.resolve(null), "paper"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessageContaining(
            "paper: the dataset neither holds nor derives e_above_hull, energy,"
                + " energy_per_atom; remove them")
        .hasMessageContaining("targets: energy — ")
        .hasMessageContaining("properties: e_above_hull — ")
        .hasMessageContaining("no 'energy_per_atom' column")
        .hasMessageContaining("skipMissing: true");
  }

  @Test
  void theNullControlsPropertyIsCheckedAgainstTheDataLikeAnyOther() throws Exception {
    // a dataset without band_gap (the default control's property)
    Path data =
        Files.writeString(
            dir.resolve("no-gap.csv"), "material_id,formation_energy_per_atom,volume,cif\n");
    String grid =
        "targets: [formation_energy_per_atom]\nproperties: [volume]\n"
            + "representations: [structure]\nseeds: [0]\ndataset: "
            + data
            + "\n";
    SweepSpec absent = SweepSpecParser.parse(grid, "s.yaml");
    assertThatThrownBy(() -> SweepPreflight.check(absent, null, "s.yaml"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessageContaining("nullControl: permuted:band_gap — its permuted property: ")
        .hasMessageContaining("no 'band_gap' column");

    SweepSpec named = SweepSpecParser.parse(grid + "nullControl: volume\n", "s.yaml");
    assertThat(SweepPreflight.check(named, null, "s.yaml")).isSameAs(named);
    assertThat(named.grid().cellProperties()).containsExactly("volume", "permuted:volume");

    SweepSpec skipping = SweepSpecParser.parse(grid + "skipMissing: true\n", "s.yaml");
    SweepSpec started = SweepPreflight.check(skipping, null, "s.yaml");
    assertThat(started.grid().controlProperty()).isEmpty();
    assertThat(started.grid().cellProperties()).containsExactly("volume");
    assertThat(started.data().unavailable())
        .extracting(UnavailableName::field, UnavailableName::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("nullControl", "permuted:band_gap"));
    assertThat(NotRunCsv.of(started))
        .contains("formation_energy_per_atom,permuted:band_gap,structure,0,");
  }

  @Test
  void theSharedDataSpecPassesUnchanged() throws Exception {
    SweepSpec part = repoSpec("mp2020-36k.yaml", "");
    assertThat(SweepPreflight.check(part, DatasetLocation.resolve(null), "part")).isSameAs(part);
  }

  @Test
  void skipMissingLeavesTheLackingCellsOutAndTheReportListsThemWithTheReason() throws Exception {
    SweepSpec paper = repoSpec("paper.yaml", "skipMissing: true\n");
    SweepSpec started = SweepPreflight.check(paper, DatasetLocation.resolve(null), "paper");
    List<String> lacking = List.of("energy", "energy_per_atom", "e_above_hull");
    assertThat(started.grid().targets()).hasSize(6).doesNotContainAnyElementsOf(lacking);
    assertThat(started.grid().properties()).hasSize(10).doesNotContainAnyElementsOf(lacking);
    // per-cell baselines (the paper's protocol), the null control one more cell: 6 × 11 × 2 × 5
    assertThat(started.trainingCount()).isEqualTo(2 * 6 * 11 * 2 * 5);
    assertThat(started.data().unavailable())
        .extracting(UnavailableName::name)
        .containsExactlyInAnyOrder(
            "e_above_hull",
            "energy",
            "energy_per_atom",
            "e_above_hull",
            "energy",
            "energy_per_atom");

    List<String> notRun = NotRunCsv.of(started).lines().toList();
    assertThat(notRun.get(0)).isEqualTo("target,property,representation,seed,reason");
    // every cell of the paper's grid is either run or listed, once
    assertThat(notRun).hasSize(1 + (int) (paper.grid().cellCount() - started.grid().cellCount()));
    assertThat(notRun.stream().skip(1).distinct()).hasSize(notRun.size() - 1);
    assertThat(notRun)
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("energy,oxide_type,structure,0,")
                    .contains("no 'energy' column"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .startsWith("band_gap,e_above_hull,composition,4,")
                    .contains("no 'e_above_hull' column"));
  }

  @Test
  void theReportOfASkippingSweepHasTheNotRunFile() throws Exception {
    SweepSpec paper =
        SweepSpecParser.parse(
            Files.readString(Path.of("..", "sweeps", "paper.yaml"))
                    .replace("artifactDir: tomo-artifacts", "artifactDir: " + dir)
                + "skipMissing: true\n",
            "paper.yaml");
    SweepSpec started = SweepPreflight.check(paper, DatasetLocation.resolve(null), "paper");
    ReportSummary summary =
        new ReportActivitiesImpl(false)
            .aggregate("skip", started, new PreparedDataset("data.csv", "sha", 0, List.of()));
    Path notRun = Path.of(summary.dir()).resolve(ReportActivitiesImpl.NOT_RUN);
    assertThat(summary.files()).contains(notRun.toString());
    assertThat(Files.readString(notRun)).isEqualTo(NotRunCsv.of(started));
    assertThat(summary.missing()).isEqualTo(1320);
  }

  @Test
  void nothingLeftToTrainIsAnErrorEvenWithSkipMissing() throws Exception {
    SweepSpec spec =
        SweepSpecParser.parse(
            "targets: [energy]\nproperties: [volume]\nrepresentations: [structure]\nseeds: [0]\n"
                + "skipMissing: true\n",
            "s.yaml");
    assertThatThrownBy(() -> SweepPreflight.check(spec, DatasetLocation.resolve(null), "s.yaml"))
        .hasMessageContaining("s.yaml: field 'targets': none is in the dataset");
  }

  @Test
  void aMissingOrUnreadableDatasetIsNamed() throws Exception {
    Path none = dir.resolve("nowhere.csv.gz");
    SweepSpec missing =
        SweepSpecParser.parse(
            "dataset: "
                + none
                + "\ntargets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\n",
            "s.yaml");
    assertThatThrownBy(() -> SweepPreflight.check(missing, null, "s.yaml"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessageContaining("s.yaml: field 'dataset': file " + none)
        .hasMessageContaining("not found");

    Path headerless = Files.writeString(dir.resolve("bad.csv"), "id,band_gap\n1,2\n");
    SweepSpec bad =
        SweepSpecParser.parse(
            "dataset: "
                + headerless
                + "\ntargets: [band_gap]\nproperties: [volume]\nrepresentations: [structure]\n"
                + "seeds: [0]\n",
            "s.yaml");
    assertThatThrownBy(() -> SweepPreflight.check(bad, null, "s.yaml"))
        .hasMessageContaining("s.yaml: dataset: " + headerless)
        .hasMessageContaining("field material_id");
  }
}
