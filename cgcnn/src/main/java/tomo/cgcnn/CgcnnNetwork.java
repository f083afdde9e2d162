package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import tomo.hyper.ExtraGain;
import tomo.hyper.InitMode;

/**
 * The CGCNN network (Xie &amp; Grossman 2018) on DJL tensors, built from named layers: the atom
 * {@link AtomEmbedding}, {@link ConvLayer}s, the mean over each crystal's atoms, the {@link
 * HiddenLayer} where the extra input joins, and the output {@link Linear}. Its parameters are
 * explicit, so the optimizer, checkpoints and the gradient check see exactly what is trained.
 *
 * <p>The layers are built in a fixed order from one seeded stream (embedding, convolutions, hidden,
 * output); that order is the order of {@link #parameters()} and of every checkpoint's tensors.
 *
 * <p>Every intermediate tensor lives in the caller's per-step manager; only parameters, batch-norm
 * running statistics and constants live in the network's own manager.
 */
final class CgcnnNetwork implements AutoCloseable {
  private static final String HIDDEN = "hidden";

  /** The weights of the extra input in the hidden layer (absent without an extra input). */
  static final String EXTRA_WEIGHT = HIDDEN + "." + HiddenLayer.EXTRA_WEIGHT;

  private final NDManager manager;
  private final DataType dtype;
  private final int extraWidth;
  private final int outputWidth;
  private final NDArray centers; // 1 × G Gaussian centres in Å
  private final double inverseWidth2;
  private final AtomEmbedding embedding;
  private final List<ConvLayer> convolutions;
  private final HiddenLayer hidden;
  private final Linear output;
  private final Map<String, NDArray> parameters;
  private final Map<String, NDArray> buffers;

  /** How the convolutions compute their edge linear; see {@link #useEdgeLinear}. */
  private EdgeLinear edgeLinear = EdgeLinear.FACTORED;

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
    this.extraWidth = extraWidth;
    this.outputWidth = outputWidth;
    NDArray table = manager.create(nodeTable).toType(dtype, false);
    this.centers =
        manager.create(centersAngstrom).toType(dtype, false).reshape(1, centersAngstrom.length);
    this.inverseWidth2 = 1.0 / (widthAngstrom * widthAngstrom);

    boolean independent = IndependentSeed.applies(init, extraProperty);
    long streamSeed = IndependentSeed.streamSeed(init, seed, extraProperty);
    ParameterFactory factory =
        new ParameterFactory(manager, dtype, new SplittableRandom(streamSeed ^ 0xC6C_1111L));
    int a = shape.atomFeatures();
    int g = centersAngstrom.length;
    this.embedding = new AtomEmbedding("embedding", table, a, factory);
    List<ConvLayer> convs = new ArrayList<>();
    for (int c = 0; c < shape.convolutions(); c++) {
      convs.add(new ConvLayer("conv" + c, a, g, factory));
    }
    this.convolutions = List.copyOf(convs);
    double extraGain = gain.columnFactor(shape.atomFeatures(), extraWidth);
    int h = shape.hiddenFeatures();
    this.hidden =
        independent
            ? HiddenLayer.independent(HIDDEN, a, extraWidth, h, extraGain, factory)
            : HiddenLayer.tight(HIDDEN, a, extraWidth, h, extraGain, factory);
    this.output = new Linear("output", h, outputWidth, factory);

    Map<String, NDArray> params = new LinkedHashMap<>();
    Map<String, NDArray> stats = new LinkedHashMap<>();
    for (Layer layer : layers()) {
      layer.addParameters(params);
      layer.addBuffers(stats);
    }
    for (NDArray p : params.values()) {
      p.setRequiresGradient(true);
    }
    this.parameters = Collections.unmodifiableMap(params);
    this.buffers = Collections.unmodifiableMap(stats);
  }

  private List<Layer> layers() {
    List<Layer> all = new ArrayList<>();
    all.add(embedding);
    all.addAll(convolutions);
    all.add(hidden);
    all.add(output);
    return all;
  }

  /**
   * Lets the convolutions compute their edge linear in another form of the same function (a
   * benchmark or a check compares them); the network uses {@link EdgeLinear#FACTORED} otherwise.
   */
  void useEdgeLinear(EdgeLinear form) {
    edgeLinear = Objects.requireNonNull(form);
  }

  /** The trained tensors by name, layer by layer: the optimizer's and the checkpoints' order. */
  Map<String, NDArray> parameters() {
    return parameters;
  }

  /** The batch-norm running statistics by name, layer by layer. */
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

    NDArray h = embedding.forward(z, step);
    NeighborSlots slots = new NeighborSlots(nbr, expand(dist), maxNeighbors);
    for (ConvLayer conv : convolutions) {
      h = conv.forward(h, slots, training, edgeLinear, step);
    }
    NDArray pooled = meanOverCrystals(h, crystal, inverseCount, crystals);
    return output.forward(hidden.forward(pooled, extra));
  }

  /** Gaussian expansion of the slot distances: exp(-(d - μ)² / w²), (N·M) × G. */
  private NDArray expand(NDArray distances) {
    return distances.sub(centers).square().mul(-inverseWidth2).exp();
  }

  /** Mean over each crystal's atoms: (B × N one-hot) · (N × a), scaled by 1/atoms. */
  private NDArray meanOverCrystals(
      NDArray h, NDArray crystalOfAtom, NDArray inverseCount, int crystals) {
    NDArray membership = crystalOfAtom.oneHot(crystals, dtype).transpose();
    return membership.matMul(h).mul(inverseCount);
  }

  @Override
  public void close() {
    manager.close();
  }
}
