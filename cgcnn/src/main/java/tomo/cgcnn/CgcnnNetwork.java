package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import tomo.hyper.ExtraGain;
import tomo.hyper.InitMode;

/**
 * The CGCNN network (Xie &amp; Grossman 2018) on DJL tensors, with explicit parameters so the
 * optimizer, checkpoints and the gradient check see exactly what is trained.
 *
 * <p>Each convolution computes W·[h_i, h_j, e_ij] + b in factored form W_i·h_i + W_j·h_j + W_e·e_ij
 * + b: the atom parts are computed once per atom (N rows) and only then gathered to the N × M
 * neighbour slots, about a third of the multiply-adds of the concatenation, with the same result.
 * Node features enter through the element table: the embedding of every element is computed once
 * (Z_max rows) and gathered per atom, equal to embedding every atom's one-hot vector.
 *
 * <p>Every intermediate tensor lives in the caller's per-step manager; only parameters, batch-norm
 * running statistics and constants live in the network's own manager.
 */
final class CgcnnNetwork implements AutoCloseable {
  // PyTorch's batch-norm defaults: running stats move 10 % towards each batch, eps 1e-5
  private static final float BN_KEEP = 0.9f; // DJL passes (1 - this) to libtorch as its momentum
  private static final float BN_EPS = 1e-5f;

  /** The weights of the extra input in the hidden layer (absent without an extra input). */
  static final String EXTRA_WEIGHT = "hidden.extra_weight";

  private final NDManager manager;
  private final DataType dtype;
  private final NetworkShape shape;
  private final int extraWidth;
  private final int outputWidth;
  private final Map<String, NDArray> parameters = new LinkedHashMap<>();
  private final Map<String, NDArray> buffers = new LinkedHashMap<>();
  private final NDArray nodeTable; // (Zmax + 1) × F, row z = features of element z
  private final NDArray centers; // 1 × G Gaussian centres in Å
  private final double inverseWidth2;

  /**
   * Computes the edge linear as one matrix product of the concatenated [h_i, h_j, e_ij] (N·M rows)
   * instead of the factored form; same parameters, same function. Only for measuring what the
   * factored form buys ({@link #useConcatenatedEdgeLinear}).
   */
  private boolean concatEdgeLinear;

  /** Factor on softplus(extra) before the hidden layer; see {@link ExtraGain}. */
  private final double extraGain;

  /**
   * @param nodeTable row z holds the node features of element z (row 0 unused)
   * @param centersAngstrom Gaussian centres of the edge expansion
   * @param extraWidth width of the extra input (0 for none)
   * @param outputWidth 1 for a numeric target, the class count for a categorical one
   * @param seed the training's seed
   * @param extraProperty the extra input's name (null for none): an independent network mixes it
   *     into its seed
   * @param init how the network starts against its baseline
   * @param gain the factor on the extra input
   */
  CgcnnNetwork(
      NDManager parent,
      DataType dtype,
      NetworkShape shape,
      float[][] nodeTable,
      double[] centersAngstrom,
      double widthAngstrom,
      int extraWidth,
      int outputWidth,
      long seed,
      String extraProperty,
      InitMode init,
      ExtraGain gain) {
    this.manager = parent.newSubManager();
    this.dtype = dtype;
    this.shape = shape;
    this.extraWidth = extraWidth;
    this.outputWidth = outputWidth;
    this.nodeTable = manager.create(nodeTable).toType(dtype, false);
    this.centers =
        manager.create(centersAngstrom).toType(dtype, false).reshape(1, centersAngstrom.length);
    this.inverseWidth2 = 1.0 / (widthAngstrom * widthAngstrom);
    this.extraGain = gain.columnFactor(shape.atomFeatures(), extraWidth);

    boolean independent = init == InitMode.INDEPENDENT && extraProperty != null;
    long streamSeed = independent ? IndependentSeed.of(seed, extraProperty) : seed;
    SplittableRandom random = new SplittableRandom(streamSeed ^ 0xC6C_1111L);
    int f = nodeTable[0].length;
    int a = shape.atomFeatures();
    int g = centersAngstrom.length;
    linear("embedding", f, a, random);
    for (int c = 0; c < shape.convolutions(); c++) {
      String p = "conv" + c + ".";
      // one PyTorch Linear(2a + g, 2a) split by input block: same init bound 1/sqrt(2a + g)
      double bound = 1.0 / Math.sqrt(2.0 * a + g);
      parameters.put(p + "w_self", uniform(random, bound, a, 2 * a));
      parameters.put(p + "w_neighbor", uniform(random, bound, a, 2 * a));
      parameters.put(p + "w_edge", uniform(random, bound, g, 2 * a));
      parameters.put(p + "bias", uniform(random, bound, 2 * a));
      batchNorm(p + "bn_edge", 2 * a);
      batchNorm(p + "bn_sum", a);
    }
    int hidden = shape.hiddenFeatures();
    if (independent) {
      // the paper's one Linear(a + extra, hidden): the extra rows are drawn like the others
      double bound = 1.0 / Math.sqrt(a + extraWidth);
      double[] w = draw(random, bound, (a + extraWidth) * hidden);
      parameters.put("hidden.weight", create(Arrays.copyOfRange(w, 0, a * hidden), a, hidden));
      parameters.put("hidden.bias", uniform(random, bound, hidden));
      if (extraWidth > 0) {
        double[] rows = Arrays.copyOfRange(w, a * hidden, w.length);
        parameters.put(EXTRA_WEIGHT, create(rows, extraWidth, hidden));
      }
    } else {
      // the baseline's hidden layer, drawn exactly as without the extra input; the extra rows
      // apart and zero, so that the network starts as the baseline's function, bit for bit
      linear("hidden", a, hidden, random);
      if (extraWidth > 0) {
        parameters.put(EXTRA_WEIGHT, manager.zeros(new Shape(extraWidth, hidden), dtype));
      }
    }
    linear("output", hidden, outputWidth, random);
    for (NDArray p : parameters.values()) {
      p.setRequiresGradient(true);
    }
  }

  private void linear(String name, int in, int out, SplittableRandom random) {
    // PyTorch's nn.Linear default: weight and bias uniform in ±1/sqrt(fan_in)
    double bound = 1.0 / Math.sqrt(in);
    parameters.put(name + ".weight", uniform(random, bound, in, out));
    parameters.put(name + ".bias", uniform(random, bound, out));
  }

  private void batchNorm(String name, int width) {
    parameters.put(name + ".gamma", manager.ones(new Shape(width), dtype));
    parameters.put(name + ".beta", manager.zeros(new Shape(width), dtype));
    buffers.put(name + ".running_mean", manager.zeros(new Shape(width), dtype));
    buffers.put(name + ".running_var", manager.ones(new Shape(width), dtype));
  }

  private NDArray uniform(SplittableRandom random, double bound, long... dims) {
    return create(draw(random, bound, Math.toIntExact(new Shape(dims).size())), dims);
  }

  private static double[] draw(SplittableRandom random, double bound, int count) {
    double[] v = new double[count];
    for (int i = 0; i < v.length; i++) {
      v[i] = (random.nextDouble() * 2 - 1) * bound;
    }
    return v;
  }

  private NDArray create(double[] values, long... dims) {
    return manager.create(values).toType(dtype, false).reshape(new Shape(dims));
  }

  void useConcatenatedEdgeLinear(boolean value) {
    concatEdgeLinear = value;
  }

  Map<String, NDArray> parameters() {
    return parameters;
  }

  Map<String, NDArray> buffers() {
    return buffers;
  }

  /**
   * What defines the function the network computes, by name: its parameters, then its batch-norm
   * running statistics (no optimizer state); a new map over the same tensors.
   */
  Map<String, NDArray> weights() {
    Map<String, NDArray> all = new LinkedHashMap<>(parameters);
    all.putAll(buffers);
    return all;
  }

  DataType dtype() {
    return dtype;
  }

  int outputWidth() {
    return outputWidth;
  }

  int extraWidth() {
    return extraWidth;
  }

  NDManager manager() {
    return manager;
  }

  /** The batch's tensors in {@code step}. */
  NDList upload(HostBatch b, NDManager step, int maxNeighbors) {
    long slots = (long) b.atoms() * maxNeighbors;
    NDArray z = tensor(step, b.atomicNumbers(), DataType.INT64, b.atoms());
    NDArray nbr = tensor(step, b.neighbors(), DataType.INT64, slots);
    NDArray dist = tensor(step, b.distancesAngstrom(), DataType.FLOAT32, slots, 1);
    NDArray crystal = tensor(step, b.crystalOfAtom(), DataType.INT64, b.atoms());
    NDArray inverseCount = tensor(step, b.inverseAtomCount(), DataType.FLOAT32, b.crystals(), 1);
    NDArray extra =
        extraWidth == 0
            ? step.zeros(new Shape(b.crystals(), 0), dtype)
            : tensor(step, b.extra(), DataType.FLOAT32, b.crystals(), extraWidth);
    return new NDList(
        z,
        nbr,
        dist.toType(dtype, false),
        crystal,
        inverseCount.toType(dtype, false),
        extra.toType(dtype, false));
  }

  /**
   * A tensor over the start of a direct buffer, without a copy (the engine takes a direct buffer as
   * the tensor's memory; see HostBatch). The engine gets its own view, cut to the tensor's size.
   */
  static NDArray tensor(NDManager step, ByteBuffer buffer, DataType type, long... dims) {
    Shape shape = new Shape(dims);
    int bytes = Math.toIntExact(shape.size() * type.getNumOfBytes());
    return step.create(buffer.slice(0, bytes).order(ByteOrder.nativeOrder()), shape, type);
  }

  /**
   * The network's output for an uploaded batch: B × 1 (numeric) or B × classes (log-probabilities
   * are taken by the loss). {@code training} uses batch statistics and updates the running ones.
   */
  NDArray forward(NDList in, int crystals, int maxNeighbors, boolean training, NDManager step) {
    NDArray z = in.get(0);
    NDArray nbr = in.get(1);
    NDArray dist = in.get(2);
    NDArray crystal = in.get(3);
    NDArray inverseCount = in.get(4);
    NDArray extra = in.get(5);
    long atoms = z.getShape().get(0);
    int a = shape.atomFeatures();

    // embedding of every element, then one row per atom
    NDArray table = nodeTable.matMul(p("embedding.weight"));
    table.attach(step);
    NDArray h = table.add(p("embedding.bias")).get(z);

    // Gaussian expansion of the slot distances: exp(-(d - μ)² / w²), (N·M) × G
    NDArray edge = dist.sub(centers).square().mul(-inverseWidth2).exp();

    for (int c = 0; c < shape.convolutions(); c++) {
      String p = "conv" + c + ".";
      NDArray gated;
      if (concatEdgeLinear) {
        NDArray selfRows =
            h.reshape(atoms, 1, a).repeat(1, maxNeighbors).reshape(atoms * maxNeighbors, a);
        NDArray selfAndNeighbor = p(p + "w_self").concat(p(p + "w_neighbor"), 0);
        selfAndNeighbor.attach(step);
        NDArray w = selfAndNeighbor.concat(p(p + "w_edge"), 0);
        gated = selfRows.concat(h.get(nbr), 1).concat(edge, 1).matMul(w).add(p(p + "bias"));
      } else {
        NDArray self = h.matMul(p(p + "w_self")).add(p(p + "bias")); // N × 2a
        NDArray neighbor = h.matMul(p(p + "w_neighbor")).get(nbr); // (N·M) × 2a
        gated =
            edge.matMul(p(p + "w_edge"))
                .add(neighbor)
                .reshape(atoms, maxNeighbors, 2L * a)
                .add(self.reshape(atoms, 1, 2L * a))
                .reshape(atoms * maxNeighbors, 2L * a);
      }
      gated = batchNorm(gated, p + "bn_edge", training);
      NDList halves = gated.split(2, 1);
      NDArray filter = halves.get(0).getNDArrayInternal().sigmoid();
      NDArray core = halves.get(1).getNDArrayInternal().softPlus();
      NDArray summed = filter.mul(core).reshape(atoms, maxNeighbors, a).sum(new int[] {1});
      summed = batchNorm(summed, p + "bn_sum", training);
      h = h.add(summed).getNDArrayInternal().softPlus();
    }

    // mean over each crystal's atoms: (B × N one-hot) · (N × a), scaled by 1/atoms
    NDArray membership = crystal.oneHot(crystals, dtype).transpose();
    NDArray pooled = membership.matMul(h).mul(inverseCount);
    // the hidden layer W·softplus([pooled, extra]) + b in factored form W_p·softplus(pooled) + b +
    // W_x·softplus(extra): with W_x zero the sum is exactly the baseline's, bit for bit (one matrix
    // product over the concatenation may reduce in another order)
    NDArray x =
        pooled.getNDArrayInternal().softPlus().matMul(p("hidden.weight")).add(p("hidden.bias"));
    if (extraWidth > 0) {
      NDArray fed = extra.getNDArrayInternal().softPlus();
      if (extraGain != 1) {
        fed = fed.mul(extraGain);
      }
      x = x.add(fed.matMul(p("hidden.extra_weight")));
    }
    x = x.getNDArrayInternal().softPlus();
    return x.matMul(p("output.weight")).add(p("output.bias"));
  }

  private NDArray batchNorm(NDArray x, String name, boolean training) {
    return x.getNDArrayInternal()
        .batchNorm(
            x,
            buffers.get(name + ".running_mean"),
            buffers.get(name + ".running_var"),
            p(name + ".gamma"),
            p(name + ".beta"),
            1,
            BN_KEEP,
            BN_EPS,
            training)
        .singletonOrThrow();
  }

  private NDArray p(String name) {
    return parameters.get(name);
  }

  @Override
  public void close() {
    manager.close();
  }
}
