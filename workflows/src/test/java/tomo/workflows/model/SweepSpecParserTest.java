package tomo.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.hyper.ExtraGain;
import tomo.hyper.HyperParameters;
import tomo.hyper.InitMode;
import tomo.hyper.Optimizer;
import tomo.hyper.Scaling;
import tomo.workflows.TaskQueues;
import tomo.workflows.sweep.TrainingPlan;

class SweepSpecParserTest {
  private static final ObjectWriter PRETTY = new ObjectMapper().writerWithDefaultPrettyPrinter();

  private static String repoFile(String name) throws IOException {
    Path p = Path.of("..", "sweeps", name);
    return Files.readString(p);
  }

  @Test
  void readsThePaperGridFromYaml() throws IOException {
    SweepSpec spec = SweepSpecParser.parse(repoFile("paper.yaml"), "paper.yaml");
    assertThat(spec.grid().targets())
        .containsExactly(
            "band_gap",
            "density",
            "e_above_hull",
            "energy",
            "energy_per_atom",
            "formation_energy_per_atom",
            "nsites",
            "total_magnetization",
            "volume");
    assertThat(spec.grid().properties())
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(
                    spec.grid().targets().stream(),
                    java.util.stream.Stream.of(
                        "is_hubbard",
                        "oxide_type",
                        "spacegroup.crystal_system",
                        "spacegroup.number"))
                .toList());
    assertThat(spec.grid().seeds()).containsExactly(0, 1, 2, 3, 4);
    // 13 properties and the null control (permuted band_gap)
    assertThat(spec.grid().cellCount()).isEqualTo(9 * 14 * 2 * 5);
    // the paper's protocol: a masked baseline per cell
    assertThat(spec.training().protocol()).isEqualTo(Protocol.PAPER);
    assertThat(spec.trainingCount()).isEqualTo(2 * 9 * 14 * 2 * 5);
    assertThat(spec.training().baseline()).isEqualTo(BaselineMode.PER_CELL);
    assertThat(spec.training().hyper()).isEqualTo(Protocol.PAPER.hyper(500));
    assertThat(spec.training().protocolNotes()).isEmpty();
    assertThat(spec.training().trainer()).isEqualTo(TrainerKind.CGCNN);
    assertThat(spec.data().selection().rows()).isEqualTo(Rows.ALL);
    assertThat(spec.runtime().trainingQueue()).isEqualTo(TaskQueues.TRAINING);
  }

  @Test
  void theSharedDataSpecIsThePaperGridLessWhatTheDataLacks() throws IOException {
    SweepSpec paper = SweepSpecParser.parse(repoFile("paper.yaml"), "paper.yaml");
    SweepSpec part = SweepSpecParser.parse(repoFile("mp2020-36k.yaml"), "mp2020-36k.yaml");
    java.util.List<String> lacking = java.util.List.of("energy", "energy_per_atom", "e_above_hull");
    assertThat(part.grid().targets())
        .containsExactlyElementsOf(
            paper.grid().targets().stream().filter(t -> !lacking.contains(t)).toList());
    assertThat(part.grid().properties())
        .containsExactlyElementsOf(
            paper.grid().properties().stream().filter(p -> !lacking.contains(p)).toList());
    assertThat(part.training().hyper()).isEqualTo(paper.training().hyper());
    assertThat(part.grid().seeds()).isEqualTo(paper.grid().seeds());
    assertThat(part.training().protocol()).isEqualTo(Protocol.PAPER);
    // the paper's protocol: a masked baseline per cell, the null control one more cell
    assertThat(part.trainingCount()).isEqualTo(2 * 6 * (10 + 1) * 2 * 5);
  }

  @Test
  void absentHyperParametersAreThePapersAndExplicitOnesAreChecked() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    SweepSpec spec = SweepSpecParser.parse(head + "hyper: {epochs: 7}\n", "s.yaml");
    // sweeps/small.json was written this way and stored momentum 0.0; tomo's protocol decays the
    // rate half-way through the epochs asked for
    assertThat(spec.training().hyper()).isEqualTo(Protocol.TOMO.hyper(7));
    assertThat(spec.training().hyper().milestone()).isEqualTo(4);
    assertThat(spec.training().hyper().momentum()).isEqualTo(0.9);
    assertThat(SweepSpecParser.parse(head, "s.yaml").training().hyper())
        .isEqualTo(Protocol.TOMO.hyper(HyperParameters.defaults().epochs()));
    assertThat(
            SweepSpecParser.parse(head + "hyper: {milestone: 100}\n", "s.yaml").training().hyper())
        .isEqualTo(HyperParameters.defaults());
    assertThat(
            SweepSpecParser.parse(head + "hyper: {momentum: 0}\n", "s.yaml")
                .training()
                .hyper()
                .momentum())
        .isZero();
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {epochs: 0}\n", "s.yaml"))
        .hasMessage("s.yaml: field 'hyper.epochs': expected at least 1 epoch, got 0");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {batchSize: 0}\n", "s.yaml"))
        .hasMessage("s.yaml: field 'hyper.batchSize': expected at least 1, got 0");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {learningRate: 0}\n", "s.yaml"))
        .hasMessage("s.yaml: field 'hyper.learningRate': expected > 0, got 0.0");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {milestone: 0}\n", "s.yaml"))
        .hasMessage("s.yaml: field 'hyper.milestone': expected an epoch >= 1, got 0");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {epochs: 2.5}\n", "s.yaml"))
        .hasMessageContaining("field 'hyper.epochs'");
  }

  @Test
  void thePapersProtocolSetsItsChoicesAndRefusesOthers() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1, 2]\n";
    SweepSpec paper =
        SweepSpecParser.parse(head + "protocol: paper\nhyper: {epochs: 40}\n", "p.yaml");
    assertThat(paper.training().protocol()).isEqualTo(Protocol.PAPER);
    assertThat(paper.training().hyper()).isEqualTo(Protocol.PAPER.hyper(40));
    assertThat(paper.training().hyper().init()).isEqualTo(InitMode.INDEPENDENT);
    assertThat(paper.training().hyper().extraGain()).isEqualTo(ExtraGain.of(1));
    assertThat(paper.training().hyper().scaling()).isEqualTo(Scaling.DATASET);
    assertThat(paper.training().hyper().milestone()).isEqualTo(100);
    assertThat(paper.training().hyper().optimizer()).isEqualTo(Optimizer.SGD);
    assertThat(paper.training().baseline()).isEqualTo(BaselineMode.PER_CELL);
    assertThat(paper.data().incompleteRows()).isEqualTo(IncompleteRows.DROP);
    assertThat(paper.training().rule()).isEqualTo(SignificanceRule.PAPER_BOUNDS);
    // a shorter run is still the paper's method, and its report says where it departs
    assertThat(paper.training().protocolNotes())
        .containsExactly(
            "40 epochs (the paper's: 500)",
            "the learning-rate milestone (epoch 100) lies beyond the 40 epochs: the rate never"
                + " decays, and pairs end at the full rate");

    assertThatThrownBy(
            () -> SweepSpecParser.parse(head + "protocol: paper\nbaseline: shared\n", "p.yaml"))
        .hasMessageStartingWith("p.yaml: field 'protocol': paper fixes what these fields give")
        .hasMessageContaining("baseline: shared (the paper's: per-cell)");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    head + "protocol: paper\nhyper: {optimizer: adam, extraGain: 8}\n", "p.yaml"))
        .hasMessageContaining("hyper.optimizer: adam (the paper's: sgd)")
        .hasMessageContaining("hyper.extraGain: 8 (the paper's: 1)");
    assertThatThrownBy(
            () -> SweepSpecParser.parse(head + "protocol: paper\nincompleteRows: keep\n", "p.yaml"))
        .hasMessageContaining("incompleteRows: keep (the paper drops them)");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "protocol: papers\n", "p.yaml"))
        .hasMessageContaining("'papers' is not one of tomo, paper, finetune");
  }

  @Test
  void theFineTunedProtocolFineTunesAFifthOfTheEpochsFromTomosBaselines() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1, 2]\n";
    SweepSpec ft =
        SweepSpecParser.parse(head + "protocol: finetune\nhyper: {epochs: 40}\n", "f.yaml");
    assertThat(ft.training().hyper()).isEqualTo(Protocol.FINETUNE.hyper(40));
    assertThat(ft.training().hyper().finetuneEpochs()).isEqualTo(8);
    assertThat(ft.training().hyper().init()).isEqualTo(InitMode.TIGHT);
    assertThat(ft.training().hyper().milestone()).isEqualTo(20);
    assertThat(ft.training().baseline()).isEqualTo(BaselineMode.SHARED);
    assertThat(ft.training().rule()).isEqualTo(SignificanceRule.PAIRED);
    assertThat(ft.training().protocolNotes()).hasSize(1);
    assertThat(ft.training().protocolNotes().get(0))
        .startsWith("experimental: cells fine-tuned 8 epochs");
    // the baseline trained in full names no fine-tuning epochs: its provenance says what it is
    assertThat(Protocol.FINETUNE.notes(ft.training().hyper().withoutFinetune()))
        .containsExactly(
            "experimental: the baseline trained in full, its cells fine-tuned from its best weights");
    // two baselines (in full and the control) per seed, one fine-tuning per cell and the control
    assertThat(ft.trainingCount()).isEqualTo(2 * 2 + 2 * 2);
    assertThat(
            SweepSpecParser.parse(
                    head + "protocol: finetune\nhyper: {epochs: 40, finetuneEpochs: 3}\n", "f.yaml")
                .training()
                .hyper()
                .finetuneEpochs())
        .isEqualTo(3);

    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    head + "protocol: finetune\nhyper: {init: independent}\n", "f.yaml"))
        .hasMessageStartingWith("f.yaml: field 'protocol': finetune fixes what these fields give")
        .hasMessageContaining("hyper.init: independent (a fine-tuned cell starts as its baseline)");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(head + "protocol: finetune\nbaseline: per-cell\n", "f.yaml"))
        .hasMessageContaining("baseline: per-cell");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    head + "protocol: finetune\nhyper: {finetuneEpochs: 0}\n", "f.yaml"))
        .hasMessageContaining("hyper.finetuneEpochs: 0 (expected at least 1)");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {finetuneEpochs: 3}\n", "t.yaml"))
        .hasMessageContaining("hyper.finetuneEpochs: 3 (only protocol: finetune)");
  }

  @Test
  void adaptiveSeedsAreReadAndChecked() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [0, 1, 2]\n";
    SweepSpec s = SweepSpecParser.parse(head + "moreSeeds: {upTo: 7}\n", "m.yaml");
    assertThat(s.grid().moreSeeds()).isEqualTo(new MoreSeeds(7, MoreSeeds.DEFAULT_EFFECT));
    assertThat(s.grid().adaptiveSeeds()).containsExactly(3, 4, 5, 6);
    assertThat(s.maxTrainingCount()).isEqualTo(7 * (1 + 2)); // b and the null control
    assertThat(SweepSpecParser.parse(head + "moreSeeds: {upTo: 4, effect: 2.5}\n", "m.yaml"))
        .extracting(x -> x.grid().moreSeeds().effect())
        .isEqualTo(2.5);
    assertThat(SweepSpecParser.parse(head, "m.yaml").maxTrainingCount()).isEqualTo(3 * 3);
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "moreSeeds: {upTo: 3}\n", "m.yaml"))
        .hasMessage("m.yaml: field 'moreSeeds.upTo': expected more than the 3 seeds listed, got 3");
    assertThatThrownBy(
            () -> SweepSpecParser.parse(head + "moreSeeds: {upTo: 5, effect: 0}\n", "m.yaml"))
        .hasMessageContaining("field 'moreSeeds.effect'");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    head.replace("[0, 1, 2]", "[0]") + "moreSeeds: {upTo: 5}\n", "m.yaml"))
        .hasMessageContaining("needs at least 2 seeds");
    // the rule, by hand: [-3, -1] lies below 0; [-4, +4] within ±5; [-6, +1] is open
    MoreSeeds m = new MoreSeeds(7, 5);
    assertThat(m.verdict(-3, -1)).startsWith("settled").contains("below 0");
    assertThat(m.verdict(1, 9)).startsWith("settled").contains("above 0");
    assertThat(m.verdict(-4, 4)).startsWith("settled").contains("within ±5 %");
    assertThat(MoreSeeds.open(m.verdict(-6, 1))).isTrue();
  }

  @Test
  void tomosProtocolIsTheDefaultAndItsValuesMayBeChanged() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1, 2]\n";
    SweepSpec tomo = SweepSpecParser.parse(head + "hyper: {epochs: 40}\n", "t.yaml");
    assertThat(tomo.training().protocol()).isEqualTo(Protocol.TOMO);
    assertThat(tomo.training().baseline()).isEqualTo(BaselineMode.SHARED);
    assertThat(tomo.training().hyper().init()).isEqualTo(InitMode.TIGHT);
    assertThat(tomo.training().hyper().extraGain()).isEqualTo(ExtraGain.AUTO);
    assertThat(tomo.training().hyper().scaling()).isEqualTo(Scaling.TRAIN);
    assertThat(tomo.training().hyper().milestone()).isEqualTo(20);
    assertThat(tomo.training().protocolNotes()).isEmpty();
    assertThat(tomo.training().rule()).isEqualTo(SignificanceRule.PAIRED);

    SweepSpec changed =
        SweepSpecParser.parse(
            head + "hyper: {epochs: 40, milestone: 100, extraGain: 1}\nbaseline: per-cell\n",
            "t.yaml");
    assertThat(changed.training().baseline()).isEqualTo(BaselineMode.PER_CELL);
    assertThat(changed.training().protocolNotes())
        .containsExactly(
            "extra gain 1 (tomo's: auto)",
            "the learning-rate milestone (epoch 100) lies beyond the 40 epochs: the rate never"
                + " decays, and pairs end at the full rate");
  }

  @Test
  void theInitAndTheExtraGainAreSpecFieldsWithTodaysDefaults() {
    String head =
        "targets: [band_gap]\nproperties: [volume]\nrepresentations: [composition]\nseeds: [1]\n";
    HyperParameters absent = SweepSpecParser.parse(head, "s.yaml").training().hyper();
    assertThat(absent.init()).isEqualTo(InitMode.TIGHT);
    assertThat(absent.extraGain()).isEqualTo(ExtraGain.AUTO);
    HyperParameters paper =
        SweepSpecParser.parse(head + "hyper: {init: independent, extraGain: 1}\n", "s.yaml")
            .training()
            .hyper();
    assertThat(paper)
        .isEqualTo(
            Protocol.TOMO.hyper(30).toBuilder()
                .init(InitMode.INDEPENDENT)
                .extraGain(ExtraGain.of(1))
                .build());
    assertThat(
            SweepSpecParser.parse(head + "hyper: {extraGain: auto}\n", "s.yaml")
                .training()
                .hyper()
                .extraGain())
        .isEqualTo(ExtraGain.AUTO);
    assertThat(
            SweepSpecParser.parse(head + "hyper: {extraGain: '2.5'}\n", "s.yaml")
                .training()
                .hyper()
                .extraGain())
        .isEqualTo(ExtraGain.of(2.5));
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {init: joint}\n", "s.yaml"))
        .hasMessageContaining("field 'hyper.init'")
        .hasMessageContaining("'joint' is not one of tight, independent");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {extraGain: -1}\n", "s.yaml"))
        .hasMessageContaining("field 'hyper.extraGain'")
        .hasMessageContaining("'auto' or a positive number");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "hyper: {extraGain: big}\n", "s.yaml"))
        .hasMessageContaining("field 'hyper.extraGain'");
  }

  @Test
  void nonIntegerSeedsAreErrors() {
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1.5]\n",
                    "s.yaml"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessageContaining("s.yaml line 4")
        .hasMessageContaining("field 'seeds[0]'");
  }

  @Test
  void thePrimaryRuleDefaultsToPairedAndIsCheckedByName() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    assertThat(SweepSpecParser.parse(head, "s.yaml").training().rule())
        .isEqualTo(SignificanceRule.PAIRED);
    SweepSpec paper = SweepSpecParser.parse(head + "rule: paper-bounds\n", "s.yaml");
    assertThat(paper.training().rule()).isEqualTo(SignificanceRule.PAPER_BOUNDS);
    assertThat(paper.toBuilder().build()).isEqualTo(paper);
    assertThat(
            SweepSpecParser.parse(
                    "{\"targets\": [\"a\"], \"properties\": [\"b\"],"
                        + " \"representations\": [\"structure\"], \"seeds\": [1],"
                        + " \"rule\": \"interval\"}",
                    "s.json")
                .training()
                .rule())
        .isEqualTo(SignificanceRule.INTERVAL);
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "rule: all-seeds\n", "s.yaml"))
        .isInstanceOf(SweepSpecException.class)
        .hasMessage(
            "s.yaml: field 'rule': 'all-seeds' is not one of paired, interval, paper-bounds");
  }

  @Test
  void theTrainerIsPartOfTheSpecAndDefaultsToCgcnn() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    assertThat(SweepSpecParser.parse(head, "s.yaml").training().trainer())
        .isEqualTo(TrainerKind.CGCNN);
    assertThat(SweepSpecParser.parse(head + "trainer: synthetic\n", "s.yaml").training().trainer())
        .isEqualTo(TrainerKind.SYNTHETIC);
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "trainer: gnn\n", "s.yaml"))
        .hasMessageContaining("s.yaml line 5: field 'trainer'")
        .hasMessageContaining("\"gnn\"")
        .hasMessageContaining("cgcnn")
        .hasMessageContaining("synthetic");
  }

  @Test
  void aSampleIsSeededAndExcludesLimit() {
    String head = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    SweepSpec sampled = SweepSpecParser.parse(head + "sample: 500\n", "s.yaml");
    assertThat(sampled.data().selection().rows()).isEqualTo(new Rows.Sample(500, 0));
    assertThat(
            SweepSpecParser.parse(head + "sample: 5\nsampleSeed: 9\n", "s.yaml")
                .data()
                .selection()
                .rows())
        .isEqualTo(new Rows.Sample(5, 9));
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "sample: 5\nlimit: 5\n", "s.yaml"))
        .hasMessage(
            "s.yaml: field 'sample': give either limit (the first N rows) or sample (a random N"
                + " rows), not both");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "sample: 0\n", "s.yaml"))
        .hasMessageContaining("field 'sample': expected a positive number of rows");
    assertThatThrownBy(() -> SweepSpecParser.parse(head + "sampleSeed: 3\n", "s.yaml"))
        .hasMessage("s.yaml: field 'sampleSeed': only means something with 'sample'");
  }

  @Test
  void readsJsonAndFillsDefaults() throws IOException {
    SweepSpec spec = SweepSpecParser.parse(repoFile("small.json"), "small.json");
    // 3 properties, the null control and the baseline
    assertThat(spec.trainingCount()).isEqualTo(2 * 2 * 2 * (3 + 1 + 1));
    assertThat(spec.training().hyper().epochs()).isEqualTo(5);
    assertThat(spec.training().hyper().batchSize())
        .isEqualTo(HyperParameters.defaults().batchSize());
    assertThat(spec.training().hyper().momentum()).isEqualTo(0.9);
    assertThat(spec.data().selection().rows()).isEqualTo(new Rows.Sample(1000, 0));
    assertThat(spec.runtime().heartbeatSeconds()).isEqualTo(30);
  }

  @Test
  void readsAirflowHooks() {
    SweepSpec spec =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n"
                + "hooks: {onStartDag: refresh_data, onCompleteDag: publish_report}\n",
            "s.yaml");
    assertThat(spec.runtime().hooks().onStartDag()).isEqualTo("refresh_data");
    assertThat(spec.runtime().hooks().onCompleteDag()).isEqualTo("publish_report");

    SweepSpec none =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n", "s.yaml");
    assertThat(none.runtime().hooks().any()).isFalse();
  }

  @Test
  void skipBadRowsIsOptionalFalseByDefaultAndReachesEveryTraining() throws Exception {
    String grid = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    SweepSpec strict = SweepSpecParser.parse(grid, "s.yaml");
    SweepSpec skipping = SweepSpecParser.parse(grid + "skipBadRows: true\n", "s.yaml");
    assertThat(strict.data().selection().skipBadRows()).isFalse();
    assertThat(skipping.data().selection().skipBadRows()).isTrue();
    PreparedDataset data = new PreparedDataset("d.csv", "sha", 10, List.of());
    assertThat(TrainingPlan.all(skipping, data)).allMatch(r -> r.selection().skipBadRows());
    assertThat(TrainingPlan.all(strict, data)).noneMatch(r -> r.selection().skipBadRows());
    // a spec stored before the option existed still loads, as a strict one
    String old = PRETTY.writeValueAsString(strict).replace(",\n  \"skipBadRows\" : false", "");
    assertThat(PRETTY.writeValueAsString(strict)).contains("skipBadRows");
    assertThat(old).doesNotContain("skipBadRows");
    assertThat(SweepSpecParser.parse(old, "old.json").data().selection().skipBadRows()).isFalse();
  }

  @Test
  void theNullControlIsOnByDefaultNamedOrSwitchedOffAndChecked() throws Exception {
    String grid = "targets: [a]\nproperties: [b, c]\nrepresentations: [structure]\nseeds: [1, 2]\n";
    SweepSpec absent = SweepSpecParser.parse(grid, "s.yaml");
    assertThat(absent.grid().nullControl()).isEqualTo(NullControl.DEFAULT).isEqualTo("band_gap");
    assertThat(absent.grid().controlProperty()).hasValue("permuted:band_gap");
    assertThat(absent.grid().cellProperties()).containsExactly("b", "c", "permuted:band_gap");
    assertThat(absent.grid().cellCount()).isEqualTo(3 * 2);
    assertThat(absent.trainingCount()).isEqualTo(2 + 3 * 2);
    PreparedDataset data = new PreparedDataset("d.csv", "sha", 10, List.of());
    assertThat(TrainingPlan.all(absent, data))
        .extracting(TrainingRequest::property)
        .containsExactly(null, "b", "c", "permuted:band_gap", null, "b", "c", "permuted:band_gap");

    SweepSpec named = SweepSpecParser.parse(grid + "nullControl: volume\n", "s.yaml");
    assertThat(named.grid().cellProperties()).containsExactly("b", "c", "permuted:volume");
    SweepSpec off = SweepSpecParser.parse(grid + "nullControl: none\n", "s.yaml");
    assertThat(off.grid().controlProperty()).isEmpty();
    assertThat(off.grid().cellProperties()).containsExactly("b", "c");
    assertThat(off.trainingCount()).isEqualTo(2 + 2 * 2);
    assertThat(TrainingPlan.all(off, data)).hasSize(6);

    // a sweep started before the field existed reaches its workflow without it: no control, so
    // its history replays as it was written
    SweepSpec old =
        new ObjectMapper()
            .readValue(PRETTY.writeValueAsString(off).replace("\"none\"", "null"), SweepSpec.class);
    assertThat(old.grid().nullControl()).isNull();
    assertThat(old.grid().cellProperties()).containsExactly("b", "c");
    // the normalized value travels in the spec's JSON, so a workflow sees what the client chose
    assertThat(PRETTY.writeValueAsString(absent)).contains("\"nullControl\" : \"band_gap\"");

    assertThatThrownBy(() -> SweepSpecParser.parse(grid + "nullControl: permuted:volume\n", "s"))
        .hasMessageContaining("field 'nullControl': expected the name of the property to permute");
    assertThatThrownBy(
            () ->
                SweepSpecParser.parse(
                    "targets: [permuted:a]\nproperties: [b]\nrepresentations: [structure]\n"
                        + "seeds: [1]\n",
                    "s"))
        .hasMessageContaining("field 'targets[0]': a permuted control is an input, not a target");
    // the grid may list the control itself: it is scheduled once
    SweepSpec listed =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b, permuted:band_gap]\nrepresentations: [structure]\n"
                + "seeds: [1]\n",
            "s.yaml");
    assertThat(listed.grid().cellProperties()).containsExactly("b", "permuted:band_gap");
  }

  @Test
  void perCellBaselineDoublesTheCells() {
    SweepSpec spec =
        SweepSpecParser.parse(
            "targets: [a]\nproperties: [b, c]\nrepresentations: [structure]\nseeds: [1]\nbaseline: per-cell\n",
            "s.yaml");
    assertThat(spec.training().baseline()).isEqualTo(BaselineMode.PER_CELL);
    assertThat(spec.trainingCount()).isEqualTo(2 * 3); // b, c and the null control
  }

  @Test
  void readsAPatienceAndRefusesOneBelowOneEpoch() {
    String grid = "targets: [a]\nproperties: [b]\nrepresentations: [structure]\nseeds: [1]\n";
    assertThat(SweepSpecParser.parse(grid, "s.yaml").training().hyper().patience()).isNull();
    assertThat(
            SweepSpecParser.parse(grid + "hyper:\n  patience: 8\n", "s.yaml")
                .training()
                .hyper()
                .patience())
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
