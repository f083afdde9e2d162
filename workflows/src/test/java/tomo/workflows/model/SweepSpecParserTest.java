package tomo.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tomo.workflows.TaskQueues;

class SweepSpecParserTest {
  private static String repoFile(String name) throws IOException {
    Path p = Path.of("..", "sweeps", name);
    return Files.readString(p);
  }

  @Test
  void readsThePaperGridFromYaml() throws IOException {
    SweepSpec spec = SweepSpecParser.parse(repoFile("paper.yaml"), "paper.yaml");
    assertThat(spec.targets()).hasSize(9);
    assertThat(spec.properties()).hasSize(13);
    assertThat(spec.cellCount()).isEqualTo(1170);
    assertThat(spec.trainingCount()).isEqualTo(1260);
    assertThat(spec.baseline()).isEqualTo(BaselineMode.SHARED);
    assertThat(spec.hyper().epochs()).isEqualTo(30);
    assertThat(spec.trainingQueue()).isEqualTo(TaskQueues.TRAINING);
  }

  @Test
  void readsJsonAndFillsDefaults() throws IOException {
    SweepSpec spec = SweepSpecParser.parse(repoFile("small.json"), "small.json");
    assertThat(spec.trainingCount()).isEqualTo(2 * 2 * 2 * (3 + 1));
    assertThat(spec.hyper().epochs()).isEqualTo(5);
    assertThat(spec.hyper().batchSize()).isEqualTo(HyperParameters.defaults().batchSize());
    assertThat(spec.limit()).isEqualTo(1000);
    assertThat(spec.heartbeatSeconds()).isEqualTo(30);
  }

  @Test
  void readsAirflowHooks() {
    SweepSpec spec =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n"
                + "hooks: {onStartDag: refresh_data, onCompleteDag: publish_report}\n",
            "s.yaml");
    assertThat(spec.hooksOrNone().onStartDag()).isEqualTo("refresh_data");
    assertThat(spec.hooksOrNone().onCompleteDag()).isEqualTo("publish_report");

    SweepSpec none =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n", "s.yaml");
    assertThat(none.hooksOrNone().any()).isFalse();
  }

  @Test
  void perCellBaselineDoublesTheCells() {
    SweepSpec spec =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b, c]\nrepresentations: [structure]\nseeds: [1]\nbaseline: per-cell\n",
            "s.yaml");
    assertThat(spec.baseline()).isEqualTo(BaselineMode.PER_CELL);
    assertThat(spec.trainingCount()).isEqualTo(4);
  }

  @Test
  void readsAPatienceAndRefusesOneBelowOneEpoch() {
    String grid = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    assertThat(SweepSpecParser.parse(grid, "s.yaml").hyper().patience()).isNull();
    assertThat(SweepSpecParser.parse(grid + "hyper:\n  patience: 8\n", "s.yaml").hyper().patience())
        .isEqualTo(8);
    assertThatThrownBy(() -> SweepSpecParser.parse(grid + "hyper:\n  patience: 0\n", "s.yaml"))
        .hasMessage("s.yaml: field 'hyper.patience': expected at least 1 epoch, got 0");
  }

  @Test
  void errorsNameTheSourceTheFieldAndWhatWasExpected() {
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    "targets: [a]\nproperties: [b]\nrepresentations: [structure, grpah]\nseeds: [1]\n",
                    "s.yaml"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessage(
            "s.yaml: field 'representations[1]': 'grpah' is not one of structure, composition");
    assertThatThrownBy(() -> SweepSpecParser.parse("tagets: [a]\n", "s.yaml"))
        .hasMessageContaining("s.yaml: unknown field 'tagets'")
        .hasMessageContaining("targets");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\nhyper:\n  epochs: many\n",
                    "s.yaml"))
        .hasMessageContaining("s.yaml line")
        .hasMessageContaining("field 'hyper.epochs'");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1, 1]\n",
                    "s.yaml"))
        .hasMessage("s.yaml: field 'seeds[1]': seed 1 is listed twice");
    assertThatThrownBy(() -> SweepSpecParser.parse("targets: []\n", "s.yaml"))
        .hasMessage("s.yaml: field 'targets': expected a non-empty list of names");
    assertThatThrownBy(() -> SweepSpecParser.parse("targets: [a\n", "s.yaml"))
        .hasMessageContaining("s.yaml line")
        .hasMessageContaining("expected ',' or ']'");
  }
}
