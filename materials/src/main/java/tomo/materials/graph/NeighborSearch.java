package tomo.materials.graph;

import java.util.Arrays;
import tomo.materials.structure.Lattice;
import tomo.materials.structure.Site;
import tomo.materials.structure.Structure;

/**
 * Finds each site's nearest neighbours over periodic images with a cell list.
 *
 * <p>Only the image atoms that can lie within the cutoff of the home cell are generated: along axis
 * i an image atom is kept when its fractional coordinate lies within {@code cutoff / w_i} of [0,
 * 1), where {@code w_i} is the perpendicular width of the cell ({@link
 * Lattice#perpendicularWidths()}). They are binned into a Cartesian voxel grid with voxels of half
 * the cutoff, and each home site looks only at the 5 × 5 × 5 voxels around its own. The {@code
 * maxNeighbors} nearest are kept by insertion into a small sorted array, so no candidate list is
 * ever sorted.
 *
 * <p>Order of the result: by distance, ties by neighbour index, so results are deterministic.
 * Periodic images of the site itself (the same site in another cell) are neighbours, as in CGCNN;
 * the site itself is not. As in pymatgen, any atom closer than {@value #SELF_TOLERANCE} Å counts as
 * the site itself.
 *
 * <p>Not thread-safe: an instance keeps its work arrays between calls (one per thread), which keeps
 * the search allocation-light over tens of thousands of crystals.
 */
public final class NeighborSearch {
  /** Atoms closer than this (Å) are the site itself, not a neighbour. */
  public static final double SELF_TOLERANCE = 1e-8;

  private static final int VOXELS_PER_CUTOFF = 2;

  private final int maxNeighbors;
  private final double cutoffAngstrom;

  // image atoms: Cartesian position and the site they are an image of
  private double[] imageX = new double[256];
  private double[] imageY = new double[256];
  private double[] imageZ = new double[256];
  private int[] imageSite = new int[256];
  private int imageCount;

  // the voxel grid: atoms of voxel v are sortedAtoms[voxelStart[v] .. voxelStart[v + 1])
  private int[] voxelStart = new int[64];
  private int[] sortedAtoms = new int[256];
  private int[] atomVoxel = new int[256];

  // bounded selection of one site: squared distances and neighbour indices, ascending
  private final double[] bestD2;
  private final int[] bestIndex;

  /**
   * @param maxNeighbors how many nearest neighbours to keep per site (M)
   * @param cutoffAngstrom neighbours farther than this (Å) are ignored
   */
  public NeighborSearch(int maxNeighbors, double cutoffAngstrom) {
    if (maxNeighbors < 1) {
      throw new IllegalArgumentException("maxNeighbors must be at least 1, got " + maxNeighbors);
    }
    if (!(cutoffAngstrom > 0) || Double.isInfinite(cutoffAngstrom)) {
      throw new IllegalArgumentException("cutoff must be a positive length, got " + cutoffAngstrom);
    }
    this.maxNeighbors = maxNeighbors;
    this.cutoffAngstrom = cutoffAngstrom;
    this.bestD2 = new double[maxNeighbors];
    this.bestIndex = new int[maxNeighbors];
  }

  /**
   * Fills slot k of site i ({@code i * maxNeighbors + k}) with the k-th nearest neighbour's index
   * and distance (Å). Slots beyond the neighbours within the cutoff get index 0 and distance cutoff
   * + 1 Å, as CGCNN pads.
   *
   * @param structure the crystal
   * @param neighborIndices out, length at least nsites × maxNeighbors
   * @param distancesAngstrom out, same length
   * @return the number of padded slots
   */
  public int search(Structure structure, int[] neighborIndices, float[] distancesAngstrom) {
    int n = structure.nsites();
    generateImages(structure);
    double voxel = cutoffAngstrom / VOXELS_PER_CUTOFF;
    double minX = Double.POSITIVE_INFINITY, minY = minX, minZ = minX;
    double maxX = Double.NEGATIVE_INFINITY, maxY = maxX, maxZ = maxX;
    for (int a = 0; a < imageCount; a++) {
      minX = Math.min(minX, imageX[a]);
      minY = Math.min(minY, imageY[a]);
      minZ = Math.min(minZ, imageZ[a]);
      maxX = Math.max(maxX, imageX[a]);
      maxY = Math.max(maxY, imageY[a]);
      maxZ = Math.max(maxZ, imageZ[a]);
    }
    int nx = (int) ((maxX - minX) / voxel) + 1;
    int ny = (int) ((maxY - minY) / voxel) + 1;
    int nz = (int) ((maxZ - minZ) / voxel) + 1;
    binImages(minX, minY, minZ, voxel, nx, ny, nz);

    double cutoff2 = cutoffAngstrom * cutoffAngstrom;
    double self2 = SELF_TOLERANCE * SELF_TOLERANCE;
    float padDistance = (float) (cutoffAngstrom + 1);
    int padded = 0;
    // home sites are the first n image atoms (the zero translation is generated first)
    for (int i = 0; i < n; i++) {
      double x = imageX[i], y = imageY[i], z = imageZ[i];
      int vx = (int) ((x - minX) / voxel);
      int vy = (int) ((y - minY) / voxel);
      int vz = (int) ((z - minZ) / voxel);
      int found = 0;
      for (int ix = Math.max(0, vx - VOXELS_PER_CUTOFF);
          ix <= Math.min(nx - 1, vx + VOXELS_PER_CUTOFF);
          ix++) {
        for (int iy = Math.max(0, vy - VOXELS_PER_CUTOFF);
            iy <= Math.min(ny - 1, vy + VOXELS_PER_CUTOFF);
            iy++) {
          int row = (ix * ny + iy) * nz;
          int from = voxelStart[row + Math.max(0, vz - VOXELS_PER_CUTOFF)];
          int to = voxelStart[row + Math.min(nz - 1, vz + VOXELS_PER_CUTOFF) + 1];
          // the z-range of one (x, y) column is contiguous in the sorted order
          for (int s = from; s < to; s++) {
            int a = sortedAtoms[s];
            double dx = imageX[a] - x, dy = imageY[a] - y, dz = imageZ[a] - z;
            double d2 = dx * dx + dy * dy + dz * dz;
            if (d2 > cutoff2 || d2 < self2) {
              continue;
            }
            found = offer(found, d2, imageSite[a]);
          }
        }
      }
      int base = i * maxNeighbors;
      for (int k = 0; k < found; k++) {
        neighborIndices[base + k] = bestIndex[k];
        distancesAngstrom[base + k] = (float) Math.sqrt(bestD2[k]);
      }
      for (int k = found; k < maxNeighbors; k++) {
        neighborIndices[base + k] = 0;
        distancesAngstrom[base + k] = padDistance;
      }
      padded += maxNeighbors - found;
    }
    return padded;
  }

  /** Inserts a candidate into the ascending best list; returns the new list length. */
  private int offer(int found, double d2, int index) {
    int last = found == maxNeighbors ? maxNeighbors - 1 : found;
    if (found == maxNeighbors && !before(d2, index, bestD2[last], bestIndex[last])) {
      return found;
    }
    int k = last;
    while (k > 0 && before(d2, index, bestD2[k - 1], bestIndex[k - 1])) {
      bestD2[k] = bestD2[k - 1];
      bestIndex[k] = bestIndex[k - 1];
      k--;
    }
    bestD2[k] = d2;
    bestIndex[k] = index;
    return found == maxNeighbors ? found : found + 1;
  }

  private static boolean before(double d2, int index, double otherD2, int otherIndex) {
    return d2 < otherD2 || (d2 == otherD2 && index < otherIndex);
  }

  /**
   * Image atoms of every site within the cutoff of the home cell. The zero translation comes first,
   * so image atom i &lt; nsites is home site i. Fractional coordinates are wrapped into [0, 1)
   * first, which changes no distance but bounds the images needed.
   */
  private void generateImages(Structure structure) {
    Lattice lattice = structure.lattice();
    int n = structure.nsites();
    double[] widths = lattice.perpendicularWidths();
    double marginA = cutoffAngstrom / widths[0];
    double marginB = cutoffAngstrom / widths[1];
    double marginC = cutoffAngstrom / widths[2];
    int na = (int) Math.ceil(marginA);
    int nb = (int) Math.ceil(marginB);
    int nc = (int) Math.ceil(marginC);
    imageCount = 0;
    ensureImageCapacity(n);
    for (int j = 0; j < n; j++) {
      Site s = structure.sites().get(j);
      addImage(lattice, wrap(s.fracA()), wrap(s.fracB()), wrap(s.fracC()), j);
    }
    for (int ta = -na; ta <= na; ta++) {
      for (int tb = -nb; tb <= nb; tb++) {
        for (int tc = -nc; tc <= nc; tc++) {
          if (ta == 0 && tb == 0 && tc == 0) {
            continue;
          }
          for (int j = 0; j < n; j++) {
            Site s = structure.sites().get(j);
            double fa = wrap(s.fracA()) + ta;
            double fb = wrap(s.fracB()) + tb;
            double fc = wrap(s.fracC()) + tc;
            if (fa < -marginA
                || fa > 1 + marginA
                || fb < -marginB
                || fb > 1 + marginB
                || fc < -marginC
                || fc > 1 + marginC) {
              continue;
            }
            ensureImageCapacity(imageCount + 1);
            addImage(lattice, fa, fb, fc, j);
          }
        }
      }
    }
  }

  private void addImage(Lattice l, double fa, double fb, double fc, int site) {
    int a = imageCount++;
    imageX[a] = fa * l.ax() + fb * l.bx() + fc * l.cx();
    imageY[a] = fa * l.ay() + fb * l.by() + fc * l.cy();
    imageZ[a] = fa * l.az() + fb * l.bz() + fc * l.cz();
    imageSite[a] = site;
  }

  private static double wrap(double f) {
    double w = f - Math.floor(f);
    return w >= 1 ? 0 : w; // -1e-17 - floor(...) rounds to exactly 1
  }

  /** Counting sort of the image atoms by voxel (x-major, then y, then z). */
  private void binImages(
      double minX, double minY, double minZ, double voxel, int nx, int ny, int nz) {
    int voxels = nx * ny * nz;
    if (voxelStart.length < voxels + 1) {
      voxelStart = new int[Math.max(voxels + 1, voxelStart.length * 2)];
    }
    Arrays.fill(voxelStart, 0, voxels + 1, 0);
    if (atomVoxel.length < imageCount) {
      atomVoxel = new int[imageX.length];
      sortedAtoms = new int[imageX.length];
    }
    for (int a = 0; a < imageCount; a++) {
      int vx = Math.min(nx - 1, (int) ((imageX[a] - minX) / voxel));
      int vy = Math.min(ny - 1, (int) ((imageY[a] - minY) / voxel));
      int vz = Math.min(nz - 1, (int) ((imageZ[a] - minZ) / voxel));
      int v = (vx * ny + vy) * nz + vz;
      atomVoxel[a] = v;
      voxelStart[v + 1]++;
    }
    for (int v = 0; v < voxels; v++) {
      voxelStart[v + 1] += voxelStart[v];
    }
    // fill using voxelStart as a moving cursor, then shift it back
    for (int a = 0; a < imageCount; a++) {
      sortedAtoms[voxelStart[atomVoxel[a]]++] = a;
    }
    for (int v = voxels; v > 0; v--) {
      voxelStart[v] = voxelStart[v - 1];
    }
    voxelStart[0] = 0;
  }

  private void ensureImageCapacity(int needed) {
    if (needed <= imageX.length) {
      return;
    }
    int capacity = Math.max(needed, imageX.length * 2);
    imageX = Arrays.copyOf(imageX, capacity);
    imageY = Arrays.copyOf(imageY, capacity);
    imageZ = Arrays.copyOf(imageZ, capacity);
    imageSite = Arrays.copyOf(imageSite, capacity);
  }
}
