package tomo.cgcnn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.Optional;
import tomo.materials.io.Sha256;

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
    MessageDigest digest = Sha256.newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read best weights " + file, e);
    }
    return Sha256.hex(digest);
  }
}
