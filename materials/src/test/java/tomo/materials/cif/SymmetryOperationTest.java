package tomo.materials.cif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymmetryOperationTest {
  private static double[] apply(String op, double a, double b, double c) {
    double[] out = new double[3];
    SymmetryOperation.parse(op).apply(a, b, c, out);
    return out;
  }

  @Test
  void readsTheUsualNotations() {
    assertThat(apply("x,y,z", 0.1, 0.2, 0.3)).containsExactly(0.1, 0.2, 0.3);
    assertThat(apply("-y+1/2, x-y, z+0.25", 0.1, 0.2, 0.3))
        .containsExactly(
            new double[] {0.3, -0.1, 0.55}, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(apply("1/2+X, -Y, -z", 0.1, 0.2, 0.3))
        .containsExactly(
            new double[] {0.6, -0.2, -0.3}, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(apply("2*x, 2y, x-1/3", 0.1, 0.2, 0.3))
        .containsExactly(
            new double[] {0.2, 0.4, 0.1 - 1.0 / 3}, org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void rejectsGarbage() {
    assertThatThrownBy(() -> SymmetryOperation.parse("x,y,q"))
        .hasMessageContaining("cannot read symmetry operation 'x,y,q'");
    assertThatThrownBy(() -> SymmetryOperation.parse("x,,z")).hasMessageContaining("empty part");
    assertThatThrownBy(() -> SymmetryOperation.parse("xy,y,z")).hasMessageContaining("'xy'");
  }
}
