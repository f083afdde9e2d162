package tomo.cgcnn;

/** The optimizer of a training run. */
public enum OptimizerKind {
  /** Stochastic gradient descent with (PyTorch-style) momentum: the paper's default. */
  SGD,
  /** Adam (β1 0.9, β2 0.999, ε 1e-8), CGCNN's alternative. */
  ADAM
}
