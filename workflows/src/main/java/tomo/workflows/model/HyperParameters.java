package tomo.workflows.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Training hyper-parameters of every training of a sweep: CGCNN's published defaults (Xie &amp;
 * Grossman's {@code main.py}: SGD, learning rate 0.01, momentum 0.9, batch 256, ×0.1 after epoch
 * 100, 30 epochs) for every field a spec leaves out. A field given explicitly is taken as given and
 * checked by {@link SweepSpec#normalized}: {@code epochs: 0} is an error, not "the default".
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

  /** CGCNN's published defaults. */
  public static HyperParameters defaults() {
    return paper(30);
  }

  /** CGCNN's published defaults with {@code epochs} epochs (the paper's sweeps train 500). */
  public static HyperParameters paper(int epochs) {
    return new HyperParameters(epochs, 256, "sgd", 0.01, 0.9, 100);
  }

  /**
   * How a spec's {@code hyper} block is read: the one place where an absent field takes its default
   * (and only an absent one; {@code null} in the file reads as absent).
   */
  @JsonCreator
  public static HyperParameters fromSpec(
      @JsonProperty("epochs") Integer epochs,
      @JsonProperty("batchSize") Integer batchSize,
      @JsonProperty("optimizer") String optimizer,
      @JsonProperty("learningRate") Double learningRate,
      @JsonProperty("momentum") Double momentum,
      @JsonProperty("milestone") Integer milestone,
      @JsonProperty("patience") Integer patience) {
    HyperParameters d = defaults();
    return new HyperParameters(
        epochs != null ? epochs : d.epochs(),
        batchSize != null ? batchSize : d.batchSize(),
        optimizer != null ? optimizer : d.optimizer(),
        learningRate != null ? learningRate : d.learningRate(),
        momentum != null ? momentum : d.momentum(),
        milestone != null ? milestone : d.milestone(),
        patience);
  }
}
