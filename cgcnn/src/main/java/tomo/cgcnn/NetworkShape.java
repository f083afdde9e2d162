package tomo.cgcnn;

/**
 * Widths of the CGCNN network.
 *
 * @param atomFeatures width of the atom (node) vectors after the embedding (64 in the paper); each
 *     convolution's edge linear maps to twice this (filter and core halves)
 * @param hiddenFeatures width of the fully connected layer after pooling (128 in the paper)
 * @param convolutions number of graph convolutions (3 in the paper)
 */
public record NetworkShape(int atomFeatures, int hiddenFeatures, int convolutions) {

  /** The paper's network: 64-wide atoms, 3 convolutions, a 128-wide hidden layer. */
  public static final NetworkShape PAPER = new NetworkShape(64, 128, 3);

  public NetworkShape {
    if (atomFeatures < 1 || hiddenFeatures < 1 || convolutions < 0) {
      throw new IllegalArgumentException(
          "network shape needs atomFeatures >= 1, hiddenFeatures >= 1, convolutions >= 0, got "
              + this);
    }
  }
}
