package tomo.materials.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tomo.materials.property.PropertyDefinition;
import tomo.materials.property.PropertyRegistry;
import tomo.materials.property.PropertyValue;
import tomo.materials.property.ValueSource;
import tomo.materials.structure.Element;
import tomo.materials.structure.Site;

/**
 * What a dataset holds: per-property coverage and statistics, the elements seen and the
 * distribution of sites per cell.
 *
 * @param rows materials read
 * @param skipped bad rows skipped
 * @param properties one entry per registry property, in registry order
 * @param materialsPerElement number of materials containing each element, by atomic number
 * @param sitesPerCell sites per cell of every material, sorted ascending
 */
public record DatasetSummary(
    int rows,
    int skipped,
    List<PropertySummary> properties,
    Map<Element, Integer> materialsPerElement,
    int[] sitesPerCell) {

  /**
   * Coverage and statistics of one property.
   *
   * @param definition the property
   * @param inFile rows whose value was read from the file
   * @param derived rows whose value was derived from the structure
   * @param missing rows without a value
   * @param mean mean over rows with a value (numeric; NaN otherwise or when none)
   * @param std sample standard deviation (numeric)
   * @param min minimum (numeric)
   * @param max maximum (numeric)
   * @param classCounts rows per class, in the property's class order, classes with no row left out
   *     (categorical; empty otherwise)
   */
  public record PropertySummary(
      PropertyDefinition definition,
      int inFile,
      int derived,
      int missing,
      double mean,
      double std,
      double min,
      double max,
      Map<String, Integer> classCounts) {}

  /** Summarises {@code dataset}. */
  public static DatasetSummary of(Dataset dataset) {
    List<PropertySummary> properties = new ArrayList<>();
    for (PropertyDefinition p : PropertyRegistry.all()) {
      properties.add(summarise(p, dataset.rows()));
    }
    Map<Element, Integer> perElement = new TreeMap<>((a, b) -> Integer.compare(a.z(), b.z()));
    int[] sites = new int[dataset.size()];
    for (int i = 0; i < dataset.size(); i++) {
      MaterialRow row = dataset.rows().get(i);
      sites[i] = row.structure().nsites();
      row.structure().sites().stream()
          .map(Site::element)
          .distinct()
          .forEach(e -> perElement.merge(e, 1, Integer::sum));
    }
    Arrays.sort(sites);
    return new DatasetSummary(
        dataset.size(), dataset.skipped().size(), properties, perElement, sites);
  }

  private static PropertySummary summarise(PropertyDefinition p, List<MaterialRow> rows) {
    int inFile = 0;
    int derived = 0;
    int n = 0;
    double mean = 0;
    double m2 = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    Map<String, Integer> counts = new LinkedHashMap<>();
    p.classes().forEach(c -> counts.put(c, 0));
    for (MaterialRow row : rows) {
      PropertyValue v = row.values().get(p.name());
      if (v == null) {
        continue;
      }
      if (v.source() == ValueSource.FILE) {
        inFile++;
      } else {
        derived++;
      }
      if (p.isCategorical()) {
        counts.merge(v.category(), 1, Integer::sum);
      } else {
        // Welford: one pass, numerically stable
        n++;
        double delta = v.number() - mean;
        mean += delta / n;
        m2 += delta * (v.number() - mean);
        min = Math.min(min, v.number());
        max = Math.max(max, v.number());
      }
    }
    counts.values().removeIf(c -> c == 0);
    boolean numbers = n > 0;
    return new PropertySummary(
        p,
        inFile,
        derived,
        rows.size() - inFile - derived,
        numbers ? mean : Double.NaN,
        n > 1 ? Math.sqrt(m2 / (n - 1)) : Double.NaN,
        numbers ? min : Double.NaN,
        numbers ? max : Double.NaN,
        counts);
  }

  /** The q-quantile (0 ≤ q ≤ 1, nearest rank) of sites per cell; 0 for an empty dataset. */
  public int sitesQuantile(double q) {
    if (sitesPerCell.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(q * sitesPerCell.length) - 1;
    return sitesPerCell[Math.max(0, Math.min(sitesPerCell.length - 1, index))];
  }

  /** Mean sites per cell. */
  public double meanSites() {
    return Arrays.stream(sitesPerCell).average().orElse(Double.NaN);
  }

  /**
   * Materials per power-of-two bin of sites per cell: bin k holds cells with 2^(k-1) < sites ≤ 2^k
   * (bin 0: one site).
   */
  public int[] sitesHistogram() {
    int max = sitesPerCell.length == 0 ? 1 : sitesPerCell[sitesPerCell.length - 1];
    int bins = 32 - Integer.numberOfLeadingZeros(Math.max(1, max - 1)) + 1;
    int[] hist = new int[bins];
    for (int s : sitesPerCell) {
      hist[s <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(s - 1)]++;
    }
    return hist;
  }
}
