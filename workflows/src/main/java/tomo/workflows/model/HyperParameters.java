package tomo.workflows.model;

/**
 * Training hyper-parameters of every training of a sweep (the paper's CGCNN defaults unless the
 * spec says otherwise).
 *
 * @param epochs training epochs
 * @param batchSize crystals per mini-batch
 * @param optimizer {@code sgd} or {@code adam}
 * @param learningRate initial learning rate
 * @param momentum SGD momentum
 * @param milestone epoch after which the learning rate drops by 10x
 */
public record HyperParameters(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double momentum,
    int milestone) {

  /** CGCNN's published defaults, with a sweep-sized epoch count. */
  public static HyperParameters defaults() {
    return new HyperParameters(30, 256, "sgd", 0.01, 0.9, 100);
  }
}
