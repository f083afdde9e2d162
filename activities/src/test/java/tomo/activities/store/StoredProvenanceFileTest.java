package tomo.activities.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stored trainings on disk keep their provenance's keys and spellings: files written before the
 * provenance was typed load field by field and are written back byte for byte.
 */
class StoredProvenanceFileTest {
  @TempDir Path dir;

  private static final String HASH =
      "0687326276cc42c6c371735babe762ac824af179036b791129b8e5265e32a514";

  /** A fine-tuned training as ArtifactStore.save wrote it before the provenance was typed. */
  private static final String FINETUNED = "finetuned-training.json";

  /** The same file without the keys added after 2026-11-25 (concurrency, start weights, …). */
  private static final String BEFORE_LATER_KEYS = "training-before-later-keys.json";

  private static byte[] resource(String name) {
    try (InputStream in = StoredProvenanceFileTest.class.getResourceAsStream(name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A store holding {@code bytes} as the training of {@link #HASH}. */
  private ArtifactStore storeWith(byte[] bytes) throws IOException {
    ArtifactStore store = new ArtifactStore(dir.resolve("artifacts"));
    Path file = store.resultFile(HASH);
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return store;
  }

  @Test
  void aFineTunedTrainingLoadsEveryProvenanceField() throws IOException {
    StoredTraining t = storeWith(resource(FINETUNED)).find(HASH).orElseThrow();

    RunProvenance p = t.provenance().orElseThrow();
    assertThat(p.environment())
        .isEqualTo(new RunEnvironment("CPU", "cpu()", 1, 2, "tcmalloc", "0.33.0", "2.5.1"));
    assertThat(p.data())
        .isEqualTo(
            new RunData(
                "graphs-v1;mode=composition;M=12;distance=1.0;gauss=0.0:8.0:0.2:0.2",
                480,
                160,
                160,
                0,
                0,
                0));
    assertThat(p.figures())
        .isEqualTo(
            new RunFigures(
                0.29873398236603704,
                0.9537413452592638,
                223.6609523102054,
                5956.83669652847,
                0,
                false,
                3));
    assertThat(p.start())
        .contains(
            new StartWeights(
                "bed2d05d74c206854b592b6eaba73659ae9a8eee88799b07c93c0153000d99d0", 12));
    assertThat(t.trainer()).isEqualTo("cgcnn-v3");
    assertThat(t.epochs()).isEqualTo(3);
    assertThat(t.history()).extracting(EpochPoint::epoch).containsExactly(1, 2);
  }

  @Test
  void aFineTunedTrainingIsWrittenBackByteForByte() throws IOException {
    ArtifactStore store = storeWith(resource(FINETUNED));
    StoredTraining t = store.find(HASH).orElseThrow();

    Files.delete(store.resultFile(HASH));
    store.save(t);

    assertThat(Files.readString(store.resultFile(HASH)))
        .isEqualTo(new String(resource(FINETUNED), StandardCharsets.UTF_8));
  }

  @Test
  void keysAddedLaterLoadAsNotRecordedAndAreNotInventedOnWrite() throws IOException {
    ArtifactStore store = storeWith(resource(BEFORE_LATER_KEYS));
    StoredTraining t = store.find(HASH).orElseThrow();

    RunProvenance p = t.provenance().orElseThrow();
    assertThat(p.environment().concurrency()).isNull();
    assertThat(p.environment().threads()).isEqualTo(1);
    assertThat(p.data().droppedIncomplete()).isNull();
    assertThat(p.data().trainMaterials()).isEqualTo(480);
    assertThat(p.figures().trainAtomsPerSecond()).isNull();
    assertThat(p.figures().stoppedEarly()).isNull();
    assertThat(p.figures().epochsRun()).isNull();
    assertThat(p.figures().trainCrystalsPerSecond()).isEqualTo(223.6609523102054);
    assertThat(p.start()).isEmpty();

    store.save(t);
    assertThat(Files.readString(store.resultFile(HASH)))
        .isEqualTo(new String(resource(BEFORE_LATER_KEYS), StandardCharsets.UTF_8));
  }

  @Test
  void aTrainerWithoutAnEngineKeepsAnEmptyProvenance() throws IOException {
    StoredTraining t = storeWith(resource(FINETUNED)).find(HASH).orElseThrow();
    StoredTraining synthetic =
        new StoredTraining(
            HASH,
            "synthetic-v1",
            t.request(),
            t.outcome(),
            t.epochs(),
            t.trainSeconds(),
            t.finishedAt(),
            Optional.empty(),
            List.of());

    String json = new String(ArtifactStore.json().writeValueAsBytes(synthetic));

    // as the map of strings was written: an empty object, not null and not left out
    assertThat(json).contains("\"provenance\" : { },");
    assertThat(ArtifactStore.json().readValue(json, StoredTraining.class)).isEqualTo(synthetic);
  }

  @Test
  void aFieldOfTheWrongTypeIsRefusedNamingTheFieldAndItsValue() throws IOException {
    String bad =
        new String(resource(FINETUNED), StandardCharsets.UTF_8)
            .replace("\"threads\" : \"1\"", "\"threads\" : \"one\"");
    ArtifactStore store = storeWith(bad.getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> store.find(HASH))
        .hasMessageContaining("threads")
        .hasMessageContaining("'one' is not an integer");
  }

  @Test
  void countsOfTheWrongNumberOrNotNumbersAreRefusedNamingTheFieldAndItsValue() throws IOException {
    String text = new String(resource(FINETUNED), StandardCharsets.UTF_8);
    for (String split : List.of("480/160", "480/160/x", "480/160/160/1")) {
      ArtifactStore store =
          storeWith(
              text.replace(
                      "\"trainValidationTestMaterials\" : \"480/160/160\"",
                      "\"trainValidationTestMaterials\" : \"" + split + "\"")
                  .getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> store.find(HASH))
          .hasMessageContaining(
              "field 'trainValidationTestMaterials': '"
                  + split
                  + "' is not 3 counts separated by /");
    }
  }

  @Test
  void anUnknownOrMissingFieldIsRefusedNamingIt() throws IOException {
    String text = new String(resource(FINETUNED), StandardCharsets.UTF_8);
    ArtifactStore unknown =
        storeWith(text.replace("\"allocator\" :", "\"malloc\" :").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> unknown.find(HASH)).hasMessageContaining("unknown field 'malloc'");

    ArtifactStore missing =
        storeWith(
            text.replace("    \"device\" : \"cpu()\",\n", "").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> missing.find(HASH)).hasMessageContaining("field 'device' is missing");
  }
}
