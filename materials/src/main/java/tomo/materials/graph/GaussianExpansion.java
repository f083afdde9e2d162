package tomo.materials.graph;

/**
 * Expands a distance into Gaussians centred on a grid: exp(-(d - μ_k)² / width²) for μ_k = min, min
 * + step, …, max. CGCNN's defaults (0–8 Å, step 0.2 Å, width = step) give 41 values.
 *
 * @param minAngstrom first centre in Å
 * @param maxAngstrom last centre in Å
 * @param stepAngstrom spacing of the centres in Å
 * @param widthAngstrom Gaussian width in Å
 */
public record GaussianExpansion(
    double minAngstrom, double maxAngstrom, double stepAngstrom, double widthAngstrom) {

  /** CGCNN's expansion: 0–8 Å, step 0.2 Å, width 0.2 Å (41 values). */
  public static final GaussianExpansion CGCNN = new GaussianExpansion(0, 8, 0.2, 0.2);

  public GaussianExpansion {
    if (!(stepAngstrom > 0 && widthAngstrom > 0 && maxAngstrom >= minAngstrom)) {
      throw new IllegalArgumentException(
          "Gaussian expansion needs step > 0, width > 0 and max >= min");
    }
  }

  /** Number of Gaussians. */
  public int dimension() {
    return (int) Math.round((maxAngstrom - minAngstrom) / stepAngstrom) + 1;
  }
}
