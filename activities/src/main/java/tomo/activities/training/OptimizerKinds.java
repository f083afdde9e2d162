package tomo.activities.training;

import tomo.cgcnn.OptimizerKind;
import tomo.workflows.model.Optimizer;

/** The one mapping between a spec's optimizer and the CGCNN trainer's. */
public final class OptimizerKinds {
  private OptimizerKinds() {}

  /** The trainer's optimizer for {@code optimizer}. */
  public static OptimizerKind of(Optimizer optimizer) {
    return switch (optimizer) {
      case SGD -> OptimizerKind.SGD;
      case ADAM -> OptimizerKind.ADAM;
    };
  }

  /** The spec's optimizer for {@code kind} (e.g. to take its default learning rate). */
  public static Optimizer optimizer(OptimizerKind kind) {
    return switch (kind) {
      case SGD -> Optimizer.SGD;
      case ADAM -> Optimizer.ADAM;
    };
  }
}
