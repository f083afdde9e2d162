package tomo.materials.mp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Materials Project API key. Its {@link #toString()} is redacted so that it never reaches a log
 * or an error message.
 */
public final class MpApiKey {
  private final String value;

  private MpApiKey(String value) {
    this.value = value;
  }

  /** The key in {@code file} (surrounding whitespace ignored). */
  public static MpApiKey fromFile(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the Materials Project API key file " + file + ": " + e.getMessage());
    }
    if (text.isEmpty() || text.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          file + ": expected one Materials Project API key (no spaces or line breaks)");
    }
    return new MpApiKey(text);
  }

  /** A key given directly (e.g. from the environment). */
  public static MpApiKey of(String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("empty Materials Project API key");
    }
    return new MpApiKey(value.strip());
  }

  /** The secret itself, for the {@code X-API-KEY} header only. */
  String secret() {
    return value;
  }

  @Override
  public String toString() {
    return "MpApiKey[***]";
  }
}
