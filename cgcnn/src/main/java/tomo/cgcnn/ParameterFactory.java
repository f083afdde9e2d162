package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/**
 * Where the layers' tensors come from: the network's manager and type, and one seeded stream that
 * every drawn parameter takes its values from in turn, so the layers must be built in a fixed order
 * for a seed to give the same network.
 */
final class ParameterFactory {
  private final NDManager manager;
  private final DataType dtype;
  private final SplittableRandom random;

  ParameterFactory(NDManager manager, DataType dtype, SplittableRandom random) {
    this.manager = manager;
    this.dtype = dtype;
    this.random = random;
  }

  /** The next values of the stream, uniform in ±bound, as a tensor of {@code dims}. */
  NDArray uniform(double bound, long... dims) {
    return create(draw(bound, Math.toIntExact(new Shape(dims).size())), dims);
  }

  /** The next {@code count} values of the stream, uniform in ±bound. */
  double[] draw(double bound, int count) {
    double[] v = new double[count];
    for (int i = 0; i < v.length; i++) {
      v[i] = (random.nextDouble() * 2 - 1) * bound;
    }
    return v;
  }

  NDArray create(double[] values, long... dims) {
    return manager.create(values).toType(dtype, false).reshape(new Shape(dims));
  }

  NDArray zeros(long... dims) {
    return manager.zeros(new Shape(dims), dtype);
  }

  NDArray ones(long... dims) {
    return manager.ones(new Shape(dims), dtype);
  }
}
