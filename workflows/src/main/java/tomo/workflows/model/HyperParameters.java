package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param patience stop a training after this many epochs without a better validation metric; null
 *     trains every epoch (the paper's protocol) and, left out of the JSON, keeps the content hashes
 *     of sweeps without it
 */
public record HyperParameters(
    int epochs,
    int batchSize,
    String optimizer,
    double learningRate,
    double momentum,
    int milestone,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer patience) {

  /** Without early stopping (the paper's protocol). */
  public HyperParameters(
      int epochs,
      int batchSize,
      String optimizer,
      double learningRate,
      double momentum,
      int milestone) {
    this(epochs, batchSize, optimizer, learningRate, momentum, milestone, null);
  }

  /** CGCNN's published defaults, with a sweep-sized epoch count. */
  public static HyperParameters defaults() {
    return new HyperParameters(30, 256, "sgd", 0.01, 0.9, 100);
  }
}
