package tomo.cgcnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a fine-tuning starts: the best-validation weights of a finished training (its newest
 * checkpoint's {@code best.ndlist}) and the epochs that training ran, so that the fine-tuning
 * continues its batch order (the batches of epoch E + e of the same seed) rather than repeating its
 * first epochs.
 *
 * @param weights the {@code best.ndlist} file
 * @param sha256 hex SHA-256 of that file: part of the fine-tuning's checkpoint fingerprint and of
 *     its record, so two fine-tunings compared with each other are known to share their start
 * @param epochOffset the epochs of the training the weights come from
 */
public record WarmStart(Path weights, String sha256, int epochOffset) {

  /**
   * The best weights of the training whose checkpoints are in {@code checkpointDir}, when its
   * newest checkpoint holds them (checkpoints written before best weights were kept do not).
   */
  public static Optional<WarmStart> of(Path checkpointDir, int epochOffset) {
    CheckpointStore store = new CheckpointStore(checkpointDir);
    return store
        .latest()
        .map(CheckpointStore::bestFile)
        .filter(Files::isRegularFile)
        .map(file -> new WarmStart(file, sha256(file), epochOffset));
  }

  private static String sha256(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read best weights " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
