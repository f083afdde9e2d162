package tomo.activities.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tomo.hyper.HyperParameters;
import tomo.materials.testing.Fixtures;
import tomo.workflows.activity.TrainingActivities;
import tomo.workflows.model.BaselineMode;
import tomo.workflows.model.PreparedDataset;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepSpec;

/** The prepare activity reads the whole dataset and builds graph caches before any training. */
class PrepareActivitiesImplTest {
  private static final String NACL = Fixtures.rockSalt(5.64);

  @TempDir Path dir;

  @Test
  void readsTheDatasetAndBuildsOneGraphCachePerRepresentation() throws Exception {
    Path csv = csv("mp-1,2.1,\"" + NACL + "\"\nmp-2,3.4,\"" + NACL + "\"\n");
    PreparedDataset prepared =
        new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES)
            .prepare(spec(csv, List.of(Representation.STRUCTURE, Representation.COMPOSITION)));

    assertThat(prepared.materials()).isEqualTo(2);
    assertThat(prepared.contentSha256()).hasSize(64);
    assertThat(prepared.graphCaches())
        .hasSize(2)
        .allSatisfy(f -> assertThat(Path.of(f)).isRegularFile());
    assertThat(prepared.graphCaches().get(0))
        .startsWith(dir.resolve("artifacts").resolve("graphs").toString());
  }

  @Test
  void aBadRowFailsTheSweepNonRetryablyNamingRowAndField() throws Exception {
    String broken = NACL.replace("_cell_length_b 5.6400\n", "");
    Path csv = csv("mp-1,2.1,\"" + NACL + "\"\nmp-2,3.4,\"" + broken + "\"\n");
    PrepareActivitiesImpl prepare =
        new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES);

    assertThatThrownBy(() -> prepare.prepare(spec(csv, List.of(Representation.STRUCTURE))))
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(TrainingActivities.BAD_INPUT);
            })
        .hasMessageContaining(csv.toString())
        .hasMessageContaining("mp-2")
        .hasMessageContaining("_cell_length_b");
    assertThat(dir.resolve("artifacts").resolve("graphs")).doesNotExist();
  }

  @Test
  void withSkipBadRowsABadRowIsSkippedCountedAndListed() throws Exception {
    String broken = NACL.replace("_cell_length_b 5.6400\n", "");
    Path csv =
        csv("mp-1,2.1,\"" + NACL + "\"\nmp-2,3.4,\"" + broken + "\"\nmp-3,1.0,\"" + NACL + "\"\n");
    SweepSpec strict = spec(csv, List.of(Representation.STRUCTURE));
    SweepSpec skipping = strict.toBuilder().skipBadRows(true).build();

    PreparedDataset prepared =
        new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES)
            .prepare(skipping);

    assertThat(prepared.materials()).isEqualTo(2);
    assertThat(prepared.warnings().skippedRows()).isEqualTo(1);
    List<String> listed = Files.readAllLines(Path.of(prepared.warnings().skippedRowsFile()));
    assertThat(listed).hasSize(2);
    assertThat(listed.get(0)).isEqualTo("row,material_id,field,reason");
    assertThat(listed.get(1)).startsWith("2,mp-2,").contains("_cell_length_b");
    assertThat(prepared.warnings().isolatedAtoms()).isZero();
  }

  @Test
  void sitesWithoutANeighbourWithinTheCutoffAreCounted() throws Exception {
    // the case: a 1,000 Å cell with 2 atoms (10 Å apart), beside a real crystal
    String huge = Fixtures.cubicCif("Ar2", 1000, "Ar 0.25 0.25 0.25", "Ar 0.26 0.25 0.25");
    Path csv = csv("mp-1,2.1,\"" + NACL + "\"\nmp-2,3.4,\"" + huge + "\"\n");

    PreparedDataset prepared =
        new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES)
            .prepare(spec(csv, List.of(Representation.STRUCTURE, Representation.COMPOSITION)));

    assertThat(prepared.warnings().isolatedAtomMaterials()).isEqualTo(1);
    assertThat(prepared.warnings().isolatedAtoms()).isEqualTo(2);
    assertThat(prepared.warnings().skippedRows()).isZero();
    assertThat(prepared.warnings().skippedRowsFile()).isNull();
  }

  @Test
  void anUnknownPropertyIsRejectedBeforeTheDatasetIsRead() {
    SweepSpec spec = spec(dir.resolve("absent.csv"), List.of(Representation.STRUCTURE));
    SweepSpec typo = spec.toBuilder().properties(List.of("densty")).build();

    assertThatThrownBy(
            () ->
                new PrepareActivitiesImpl(null, PrepareActivitiesImpl.REGISTERED_PROPERTIES)
                    .prepare(typo))
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("properties[0] 'densty'")
        .hasMessageContaining("density");
  }

  private Path csv(String rows) throws Exception {
    return Files.writeString(dir.resolve("data.csv"), Fixtures.BAND_GAP_HEADER + rows);
  }

  private SweepSpec spec(Path csv, List<Representation> representations) {
    return SweepSpec.builder()
        .name("prepare")
        .dataset(csv.toString())
        .targets(List.of("band_gap"))
        .properties(List.of("density"))
        .representations(representations)
        .seeds(List.of(1))
        .hyper(HyperParameters.paper(2))
        .baseline(BaselineMode.SHARED)
        .artifactDir(dir.resolve("artifacts").toString())
        .retryWindowMinutes(60)
        .heartbeatSeconds(2)
        .build();
  }
}
