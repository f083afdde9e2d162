package tomo.activities.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class DivergingPaintScaleTest {

  private final DivergingPaintScale scale = new DivergingPaintScale(50);

  @Test
  void reductionsAreBlueIncreasesRedAndZeroNearlyWhite() {
    Color reduction = scale.color(-30);
    Color increase = scale.color(30);
    Color zero = scale.color(0);
    assertThat(reduction.getBlue()).isGreaterThan(reduction.getRed());
    assertThat(increase.getRed()).isGreaterThan(increase.getBlue());
    assertThat(zero.getRed()).isGreaterThan(240);
    assertThat(zero.getGreen()).isGreaterThan(240);
    assertThat(zero.getBlue()).isGreaterThan(240);
  }

  @Test
  void valuesBeyondTheLimitTakeTheEndColoursAndNaNIsGrey() {
    assertThat(scale.color(-500)).isEqualTo(scale.color(-50));
    assertThat(scale.color(500)).isEqualTo(scale.color(50));
    assertThat(scale.color(Double.NaN)).isEqualTo(DivergingPaintScale.NO_VALUE);
    assertThat(scale.getLowerBound()).isEqualTo(-50);
    assertThat(scale.getUpperBound()).isEqualTo(50);
  }

  @Test
  void darkCellsGetWhiteText() {
    assertThat(scale.darkTextReadable(-50)).isFalse();
    assertThat(scale.darkTextReadable(50)).isFalse();
    assertThat(scale.darkTextReadable(0)).isTrue();
    assertThat(scale.darkTextReadable(-10)).isTrue();
  }

  @Test
  void aScaleNeedsAPositiveLimit() {
    assertThatThrownBy(() -> new DivergingPaintScale(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DivergingPaintScale(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void colourLimitAndTicksAreRoundNumbers() {
    assertThat(HeatmapRenderer.tickUnit(100)).isEqualTo(20);
    assertThat(HeatmapRenderer.tickUnit(40)).isEqualTo(10);
    assertThat(HeatmapRenderer.tickUnit(5)).isEqualTo(1);
    assertThat(HeatmapRenderer.tickUnit(3000)).isEqualTo(1000);
    assertThat(ReportFormat.percent(-11.66)).isEqualTo("-11.7");
    assertThat(ReportFormat.percent(4)).isEqualTo("+4.0");
    assertThat(ReportFormat.percent(1234.5)).isEqualTo("+1235");
  }
}
