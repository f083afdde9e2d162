package tomo.materials.structure;

/**
 * A periodic lattice: three cell vectors a, b, c in Cartesian Å, stored row-wise.
 *
 * <p>Built from cell parameters with a along x and b in the xy plane (the crystallographic
 * convention). Distances never depend on that orientation.
 */
public record Lattice(
    double ax,
    double ay,
    double az,
    double bx,
    double by,
    double bz,
    double cx,
    double cy,
    double cz) {

  /**
   * A lattice from cell lengths (Å) and angles (degrees); throws {@link IllegalArgumentException}
   * when the parameters do not describe a cell of positive volume.
   */
  public static Lattice fromParameters(
      double aAngstrom,
      double bAngstrom,
      double cAngstrom,
      double alphaDegrees,
      double betaDegrees,
      double gammaDegrees) {
    if (!(aAngstrom > 0 && bAngstrom > 0 && cAngstrom > 0)) {
      throw new IllegalArgumentException(
          "cell lengths must be positive, got a=%s b=%s c=%s"
              .formatted(aAngstrom, bAngstrom, cAngstrom));
    }
    double cosA = Math.cos(Math.toRadians(alphaDegrees));
    double cosB = Math.cos(Math.toRadians(betaDegrees));
    double cosG = Math.cos(Math.toRadians(gammaDegrees));
    double sinG = Math.sin(Math.toRadians(gammaDegrees));
    double volumeFactor = 1 - cosA * cosA - cosB * cosB - cosG * cosG + 2 * cosA * cosB * cosG;
    if (!(volumeFactor > 1e-12) || !(Math.abs(sinG) > 1e-12)) {
      throw new IllegalArgumentException(
          "cell angles alpha=%s beta=%s gamma=%s give zero or negative volume"
              .formatted(alphaDegrees, betaDegrees, gammaDegrees));
    }
    double cx = cAngstrom * cosB;
    double cy = cAngstrom * (cosA - cosB * cosG) / sinG;
    double cz = Math.sqrt(Math.max(0, cAngstrom * cAngstrom - cx * cx - cy * cy));
    return new Lattice(aAngstrom, 0, 0, bAngstrom * cosG, bAngstrom * sinG, 0, cx, cy, cz);
  }

  /** Signed cell volume in Å³ (positive for a right-handed a, b, c). */
  public double signedVolume() {
    return ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
  }

  /** Cell volume in Å³. */
  public double volumeAngstrom3() {
    return Math.abs(signedVolume());
  }

  /** Length of a in Å. */
  public double a() {
    return Math.sqrt(ax * ax + ay * ay + az * az);
  }

  /** Length of b in Å. */
  public double b() {
    return Math.sqrt(bx * bx + by * by + bz * bz);
  }

  /** Length of c in Å. */
  public double c() {
    return Math.sqrt(cx * cx + cy * cy + cz * cz);
  }

  /** Cartesian position (Å) of fractional coordinates, written into {@code out[0..2]}. */
  public void toCartesian(double fa, double fb, double fc, double[] out) {
    out[0] = fa * ax + fb * bx + fc * cx;
    out[1] = fa * ay + fb * by + fc * cy;
    out[2] = fa * az + fb * bz + fc * cz;
  }

  /**
   * Distance (Å) between the planes of the lattice spanned by the other two vectors, per axis:
   * {@code volume / |b × c|} for a, and so on. The number of periodic images within a radius r
   * along axis i is {@code ceil(r / perpendicularWidths()[i])}.
   */
  public double[] perpendicularWidths() {
    double v = volumeAngstrom3();
    return new double[] {
      v / norm(by * cz - bz * cy, bz * cx - bx * cz, bx * cy - by * cx),
      v / norm(cy * az - cz * ay, cz * ax - cx * az, cx * ay - cy * ax),
      v / norm(ay * bz - az * by, az * bx - ax * bz, ax * by - ay * bx)
    };
  }

  private static double norm(double x, double y, double z) {
    return Math.sqrt(x * x + y * y + z * z);
  }
}
