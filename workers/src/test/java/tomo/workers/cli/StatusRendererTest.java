package tomo.workers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tomo.workflows.model.CellFailure;
import tomo.workflows.model.CellKey;
import tomo.workflows.model.Representation;
import tomo.workflows.model.SweepProgress;
import tomo.workflows.model.SweepStatus;

class StatusRendererTest {
  private static final Instant NOW = Instant.parse("2026-11-24T22:00:00Z");

  @Test
  void rendersProgressStatesEtaAndFailures() {
    SweepProgress s =
        progress(
            "paper",
            SweepStatus.RUNNING,
            2340,
            1200,
            8,
            16,
            1116,
            3.0 * 3600 + 12 * 60,
            4.24,
            List.of(
                failure(3, "row 17 field cif: no atoms"),
                failure(4, "b"),
                failure(5, "c"),
                failure(6, "d"),
                failure(7, "e"),
                failure(8, "f")));
    String text = new StatusRenderer(80, false).render(s, NOW);
    List<String> lines = text.lines().toList();

    assertThat(lines.get(0)).isEqualTo("sweep paper  RUNNING");
    assertThat(lines.get(1)).hasSize(80).startsWith("[#").endsWith("]  52.0 %  1,216 / 2,340");
    assertThat(lines.get(1)).contains("!"); // failed share of the bar
    assertThat(lines.get(2)).isEqualTo("done 1,200  running 8  failed 16  pending 1,116");
    assertThat(lines.get(3))
        .isEqualTo("ETA 3h 12m (finishes ~2026-11-25 01:12 UTC)  mean epoch 4.2 s");
    assertThat(lines.get(4)).isEqualTo("failures:");
    assertThat(lines.get(5))
        .isEqualTo("  band_gap/volume/structure/3 [BadInput]: row 17 field cif: no atoms");
    assertThat(lines)
        .contains("  ... and 11 more")
        .doesNotContain("  band_gap/volume/structure/8 [BadInput]: f");
    assertThat(text).doesNotContain("\u001b");
  }

  @Test
  void unknownEtaAndEmptySweep() {
    String text =
        new StatusRenderer(60, false)
            .render(progress("s", SweepStatus.RUNNING, 0, 0, 0, 0, 0, null, 0, List.of()), NOW);
    assertThat(text)
        .contains("  0.0 %  0 / 0")
        .contains("ETA unknown (no epoch measured yet)")
        .doesNotContain("failures");
  }

  @Test
  void watchFramesClearTheScreenOnAnsiTerminals() {
    SweepProgress done = progress("s", SweepStatus.COMPLETED, 10, 10, 0, 0, 0, 0.0, 1.0, List.of());
    assertThat(new StatusRenderer(80, true).frame(done, NOW)).startsWith("\u001b[H\u001b[2J");
    assertThat(new StatusRenderer(80, false).frame(done, NOW)).startsWith("sweep s  COMPLETED");
    assertThat(new StatusRenderer(80, false).render(done, NOW))
        .contains("[" + "#".repeat(61) + "]");
  }

  @Test
  void theAnswerOfASweepProgressQuery() {
    SweepProgress progress =
        new SweepProgress(
            "s",
            SweepStatus.RUNNING,
            0,
            100,
            40,
            5,
            2,
            1,
            57,
            120.0,
            0.5,
            List.of(
                new CellFailure(
                    new CellKey("band_gap", "volume", Representation.STRUCTURE, 1),
                    "row 3 field cif",
                    "BadInput")),
            null,
            null);
    String text = new StatusRenderer(80, false).render(progress, NOW);
    assertThat(text)
        .contains("sweep s  RUNNING")
        .contains(" 41.0 %  41 / 100")
        .contains("done 40  running 2  failed 1  pending 57")
        .contains("ETA 2m 00s")
        .contains("  band_gap/volume/structure/1 [BadInput]: row 3 field cif");
  }

  /** The answer of a progress query in round 0 with nothing memoized and no report yet. */
  private static SweepProgress progress(
      String sweepId,
      SweepStatus status,
      long total,
      long done,
      long running,
      long failed,
      long pending,
      Double etaSeconds,
      double meanEpochSeconds,
      List<CellFailure> failures) {
    return new SweepProgress(
        sweepId,
        status,
        0,
        total,
        done,
        0,
        running,
        failed,
        pending,
        etaSeconds,
        meanEpochSeconds,
        failures,
        null,
        null);
  }

  private static CellFailure failure(int seed, String reason) {
    return new CellFailure(
        new CellKey("band_gap", "volume", Representation.STRUCTURE, seed), reason, "BadInput");
  }

  @Test
  void durations() {
    assertThat(StatusRenderer.duration(12)).isEqualTo("12s");
    assertThat(StatusRenderer.duration(247)).isEqualTo("4m 07s");
    assertThat(StatusRenderer.duration(7500)).isEqualTo("2h 05m");
    assertThat(StatusRenderer.duration(3 * 86400 + 4 * 3600 + 59)).isEqualTo("3d 4h");
  }
}
