package tomo.materials.io;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 as tomo uses it to name things by their content: dataset files, stored trainings, graph
 * caches and checkpoints. Hex is lower case, 64 characters for a whole hash.
 */
public final class Sha256 {
  private Sha256() {}

  /** A fresh digest, for content that arrives in parts or as a stream. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  /** The hash of {@code bytes}. */
  public static byte[] of(byte[] bytes) {
    return newDigest().digest(bytes);
  }

  /** The hash of the UTF-8 encoding of {@code text}. */
  public static byte[] of(String text) {
    return of(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex hash of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(of(bytes));
  }

  /** The hex hash of the UTF-8 encoding of {@code text}. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The hex hash of everything {@code digest} was fed; the digest is reset afterwards. */
  public static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }
}
