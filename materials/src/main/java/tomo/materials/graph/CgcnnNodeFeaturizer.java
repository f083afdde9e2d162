package tomo.materials.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import tomo.materials.structure.Element;
import tomo.materials.structure.PeriodicTable;

/**
 * CGCNN-style node features: a one-hot-binned vector of element properties from tomo's {@link
 * PeriodicTable}, 98 values, exactly one hot bit per feature group.
 *
 * <p>Groups, in vector order (bins are half-open [lower, upper); values below the first edge fall
 * into the first bin and values beyond the last edge into the last; "unknown" is the bin for an
 * element the table has no value for):
 *
 * <table>
 *   <caption>feature groups</caption>
 *   <tr><th>group</th><th>bins</th><th>values</th></tr>
 *   <tr><td>group</td><td>19</td><td>IUPAC group 1 … 18, then "none" (lanthanides Ce–Lu,
 *       actinides Th–Lr)</td></tr>
 *   <tr><td>period</td><td>7</td><td>1 … 7</td></tr>
 *   <tr><td>block</td><td>4</td><td>s, p, d, f</td></tr>
 *   <tr><td>electronegativity</td><td>11</td><td>Pauling, 10 linear bins over [0.5, 4.0),
 *       width 0.35; unknown (noble gases, some f elements)</td></tr>
 *   <tr><td>covalent radius</td><td>11</td><td>Å, 10 linear bins over [0.3, 2.3), width 0.2;
 *       unknown</td></tr>
 *   <tr><td>valence electrons</td><td>13</td><td>1 … 12, then 13 or more</td></tr>
 *   <tr><td>first ionization energy</td><td>11</td><td>eV, 10 logarithmic bins over [3.5, 25);
 *       unknown</td></tr>
 *   <tr><td>electron affinity</td><td>10</td><td>eV, edges −1, 0, 0.5, 1, 1.5, 2, 2.5, 3 (9 bins:
 *       below −1, …, 3 and above); unknown</td></tr>
 *   <tr><td>atomic volume</td><td>12</td><td>cm³/mol, 10 logarithmic bins over [4, 80) (the
 *       solids span 4.6–71), one bin for 80 and above (elements that are gases at standard
 *       conditions, 10³–10⁴ cm³/mol); unknown</td></tr>
 * </table>
 *
 * <p>The bins are tomo's own; {@code NODE_FEATURES.md} beside the element table explains them.
 */
public final class CgcnnNodeFeaturizer implements NodeFeaturizer {
  /** One block of the vector: a name and a rule giving the hot bin of an element. */
  public record FeatureGroup(String name, int bins, ToIntFunction<Element> bin) {}

  private static final List<FeatureGroup> GROUPS = groups();
  private static final int DIMENSION = GROUPS.stream().mapToInt(FeatureGroup::bins).sum();

  private final float[][] table; // row z - 1

  public CgcnnNodeFeaturizer() {
    table = new float[PeriodicTable.maxZ()][];
    for (Element e : PeriodicTable.elements()) {
      float[] v = new float[DIMENSION];
      int offset = 0;
      for (FeatureGroup g : GROUPS) {
        int b = g.bin().applyAsInt(e);
        if (b < 0 || b >= g.bins()) {
          throw new IllegalStateException(
              "feature %s of %s: bin %d outside 0..%d".formatted(g.name(), e, b, g.bins() - 1));
        }
        v[offset + b] = 1f;
        offset += g.bins();
      }
      table[e.z() - 1] = v;
    }
  }

  /** The feature groups in vector order. */
  public static List<FeatureGroup> featureGroups() {
    return GROUPS;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] features(int z) {
    if (z < 1 || z > table.length) {
      throw new IllegalArgumentException(
          "no node features for atomic number %d (known: 1..%d)".formatted(z, table.length));
    }
    return table[z - 1].clone();
  }

  private static List<FeatureGroup> groups() {
    List<FeatureGroup> g = new ArrayList<>();
    g.add(
        new FeatureGroup("group", 19, e -> e.group() >= 1 && e.group() <= 18 ? e.group() - 1 : 18));
    g.add(new FeatureGroup("period", 7, e -> clamp(e.period() - 1, 7)));
    g.add(new FeatureGroup("block", 4, e -> "spdf".indexOf(e.block())));
    g.add(
        new FeatureGroup(
            "electronegativity", 11, e -> linear(e.electronegativityPauling(), 0.5, 0.35, 10)));
    g.add(
        new FeatureGroup(
            "covalent radius", 11, e -> linear(e.covalentRadiusAngstrom(), 0.3, 0.2, 10)));
    g.add(new FeatureGroup("valence electrons", 13, e -> clamp(e.valenceElectrons() - 1, 13)));
    g.add(
        new FeatureGroup(
            "first ionization energy",
            11,
            e -> logarithmic(e.firstIonizationEnergyEv(), 3.5, 25, 10)));
    g.add(
        new FeatureGroup(
            "electron affinity",
            10,
            e -> edges(e.electronAffinityEv(), -1, 0, 0.5, 1, 1.5, 2, 2.5, 3)));
    g.add(
        new FeatureGroup(
            "atomic volume",
            12,
            e -> {
              double v = e.atomicVolumeCm3PerMol();
              if (Double.isNaN(v)) {
                return 11;
              }
              return v >= 80 ? 10 : logarithmic(v, 4, 80, 10);
            }));
    return List.copyOf(g);
  }

  private static int clamp(int bin, int bins) {
    return Math.max(0, Math.min(bins - 1, bin));
  }

  /** {@code bins} bins of {@code width} from {@code lower}; NaN goes to the unknown bin after. */
  private static int linear(double v, double lower, double width, int bins) {
    if (Double.isNaN(v)) {
      return bins;
    }
    return clamp((int) Math.floor((v - lower) / width), bins);
  }

  /** {@code bins} log-spaced bins over [lower, upper); NaN goes to the unknown bin after. */
  private static int logarithmic(double v, double lower, double upper, int bins) {
    if (Double.isNaN(v)) {
      return bins;
    }
    double position = Math.log(v / lower) / Math.log(upper / lower) * bins;
    return clamp((int) Math.floor(position), bins);
  }

  /** Bin by ascending edges: below edges[0] is bin 0; NaN is the unknown bin after the last. */
  private static int edges(double v, double... edges) {
    if (Double.isNaN(v)) {
      return edges.length + 1;
    }
    int b = 0;
    while (b < edges.length && v >= edges[b]) {
      b++;
    }
    return b;
  }
}
