package tomo.materials.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import tomo.materials.dataset.Dataset;
import tomo.materials.dataset.MaterialRow;
import tomo.materials.structure.Structure;

/**
 * Sites with no neighbour (not even a periodic image of themselves) within the structure graph's
 * cutoff. Such a site gets only padding slots, so the network sees it as an atom alone in space: a
 * sign of a huge or broken cell (a 1,000 Å cell with 2 atoms), not of a real crystal. Counted per
 * dataset so a person is warned before training on it.
 *
 * @param materials materials with at least one isolated site
 * @param sites isolated sites over all materials
 * @param examples ids of the first {@value #EXAMPLES} such materials, in dataset order
 */
public record IsolatedAtoms(int materials, long sites, List<String> examples) {
  /** How many material ids are kept as examples. */
  public static final int EXAMPLES = 10;

  /** No isolated site. */
  public static final IsolatedAtoms NONE = new IsolatedAtoms(0, 0, List.of());

  public IsolatedAtoms {
    examples = List.copyOf(examples);
  }

  /** Whether any site is isolated. */
  public boolean any() {
    return sites > 0;
  }

  /**
   * Searches every structure of {@code dataset} for sites without a neighbour within {@code
   * cutoffAngstrom} (a one-neighbour search: cheaper than building the graphs).
   */
  public static IsolatedAtoms of(Dataset dataset, double cutoffAngstrom) {
    List<MaterialRow> rows = dataset.rows();
    ThreadLocal<NeighborSearch> search =
        ThreadLocal.withInitial(() -> new NeighborSearch(1, cutoffAngstrom));
    int[] perMaterial = new int[rows.size()];
    IntStream.range(0, rows.size())
        .parallel()
        .forEach(
            i -> {
              Structure s = rows.get(i).structure();
              // with one slot per site, the padded slots are exactly the isolated sites
              perMaterial[i] = search.get().search(s, new int[s.nsites()], new float[s.nsites()]);
            });
    return collect(perMaterial, i -> rows.get(i).materialId());
  }

  /**
   * The isolated sites of a built structure-graph cache, from its stored distances (composition
   * graphs have none: every slot is a real, equally distant bond).
   *
   * @param settings the settings the cache was built with
   */
  public static IsolatedAtoms in(GraphCache cache, GraphSettings settings) {
    if (!cache.settingsKey().equals(settings.key())) {
      throw new IllegalArgumentException(
          "graph cache %s was built with %s, not %s"
              .formatted(cache.file(), cache.settingsKey(), settings.key()));
    }
    if (settings.mode() != GraphMode.STRUCTURE) {
      return NONE;
    }
    int[] perMaterial = new int[cache.size()];
    for (int i = 0; i < perMaterial.length; i++) {
      perMaterial[i] = cache.isolatedSites(i, settings.cutoffAngstrom());
    }
    return collect(perMaterial, cache::materialId);
  }

  private static IsolatedAtoms collect(int[] perMaterial, IntFunction<String> id) {
    int materials = 0;
    long sites = 0;
    List<String> examples = new ArrayList<>();
    for (int i = 0; i < perMaterial.length; i++) {
      if (perMaterial[i] > 0) {
        materials++;
        sites += perMaterial[i];
        if (examples.size() < EXAMPLES) {
          examples.add(id.apply(i));
        }
      }
    }
    return new IsolatedAtoms(materials, sites, examples);
  }

  /** One line for a log or a terminal, e.g. "3 sites in 2 materials (mp-1, mp-7) have no …". */
  public String describe(double cutoffAngstrom) {
    return "%d site(s) in %d material(s) have no neighbour within %s Å (the graph sees them as"
            .formatted(sites, materials, cutoffAngstrom)
        + " atoms alone in space: a huge or broken cell?), e.g. "
        + String.join(", ", examples);
  }
}
