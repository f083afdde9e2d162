package tomo.materials.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RowSampleTest {
  @TempDir Path dir;

  private static final List<Integer> THOUSAND = IntStream.range(0, 1000).boxed().toList();

  @Test
  void aSampleIsTheSameForTheSameSeedInFileOrderAndWithoutRepeats() {
    List<Integer> a = RowSample.of(THOUSAND, 100, 42);
    assertThat(a).hasSize(100).doesNotHaveDuplicates().isSorted();
    assertThat(RowSample.of(THOUSAND, 100, 42)).isEqualTo(a);
    assertThat(RowSample.of(THOUSAND, 100, 43)).isNotEqualTo(a);
  }

  @Test
  void everyRowIsEquallyLikelyNotJustTheFirstOnes() {
    // 2,000 fixed seeds, 100 of 1,000 rows each: every row is expected 200 times (sd ~13.4)
    int[] hits = new int[THOUSAND.size()];
    for (long seed = 0; seed < 2000; seed++) {
      RowSample.of(THOUSAND, 100, seed).forEach(i -> hits[i]++);
    }
    assertThat(IntStream.of(hits).min().orElseThrow()).isGreaterThan(140);
    assertThat(IntStream.of(hits).max().orElseThrow()).isLessThan(260);
    // the first and the last tenth of the file are drawn alike
    int first = IntStream.range(0, 100).map(i -> hits[i]).sum();
    int last = IntStream.range(900, 1000).map(i -> hits[i]).sum();
    assertThat(Math.abs(first - last)).isLessThan(800);
  }

  @Test
  void aSampleNotSmallerThanTheFileIsTheWholeFile() {
    assertThat(RowSample.of(THOUSAND, 1000, 1)).isEqualTo(THOUSAND);
    assertThat(RowSample.of(THOUSAND, 5000, 1)).isEqualTo(THOUSAND);
    assertThat(RowSample.of(THOUSAND, 0, 1)).isEqualTo(THOUSAND);
  }

  @Test
  void theReaderKeepsOnlyTheSampledRowsWithTheirRowNumbers() throws Exception {
    StringBuilder csv = new StringBuilder(DatasetFiles.HEADER);
    for (int i = 1; i <= 20; i++) {
      csv.append(DatasetFiles.goodRow("mp-" + i));
    }
    Path file = DatasetFiles.write(dir, "twenty.csv", csv.toString());
    Dataset all = DatasetReader.read(file, ReadOptions.defaults());
    Dataset s = DatasetReader.read(file, ReadOptions.defaults().withSample(5, 9));
    assertThat(s.rows()).hasSize(5);
    assertThat(s.contentSha256()).isEqualTo(all.contentSha256());
    for (MaterialRow r : s.rows()) {
      assertThat(r.materialId()).isEqualTo("mp-" + r.row());
    }
    assertThat(DatasetReader.read(file, ReadOptions.defaults().withSample(5, 9)).rows())
        .extracting(MaterialRow::materialId)
        .isEqualTo(s.rows().stream().map(MaterialRow::materialId).toList());
  }

  @Test
  void limitAndSampleExcludeEachOther() {
    assertThatThrownBy(() -> ReadOptions.defaults().withLimit(10).withSample(5, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exclude each other");
  }
}
