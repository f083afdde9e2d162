package tomo.materials.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void writesAFileCreatingItsDirectoryAndReplacesIt() throws IOException {
    Path file = dir.resolve("a").resolve("b.json");
    AtomicFiles.write(file, "one".getBytes());
    AtomicFiles.write(file, "two".getBytes());
    assertThat(file).hasContent("two");
    assertThat(entries(file.getParent())).containsExactly("b.json");
  }

  @Test
  void aFailedWriteLeavesTheOldFileAndNoTemporaryOne() throws IOException {
    Path file = dir.resolve("b.json");
    AtomicFiles.write(file, "old".getBytes());
    assertThatThrownBy(
            () ->
                AtomicFiles.write(
                    file,
                    temp -> {
                      Files.writeString(temp, "half");
                      throw new IOException("disk full");
                    }))
        .hasMessage("disk full");
    assertThat(file).hasContent("old");
    assertThat(entries(dir)).containsExactly("b.json");
  }

  @Test
  void writesADirectoryReplacingAnOldOne() throws IOException {
    Path out = dir.resolve("epoch-00002");
    AtomicFiles.writeDirectory(out, d -> Files.writeString(d.resolve("old.txt"), "old"));
    AtomicFiles.writeDirectory(
        out,
        d -> {
          Files.createDirectory(d.resolve("sub"));
          Files.writeString(d.resolve("sub").resolve("state.json"), "{}");
        });
    assertThat(out.resolve("sub").resolve("state.json")).hasContent("{}");
    assertThat(out.resolve("old.txt")).doesNotExist();
    assertThat(entries(dir)).containsExactly("epoch-00002");
  }

  @Test
  void aFailedDirectoryWriteLeavesNoPartialDirectory() throws IOException {
    Path out = dir.resolve("report");
    assertThatThrownBy(
            () ->
                AtomicFiles.writeDirectory(
                    out,
                    d -> {
                      Files.writeString(d.resolve("table1.md"), "half");
                      throw new IllegalStateException("no trainings");
                    }))
        .hasMessage("no trainings");
    assertThat(entries(dir)).isEmpty();
  }

  private static java.util.List<String> entries(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
