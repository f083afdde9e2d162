package tomo.materials.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class Sha256Test {
  // FIPS 180-2's example: SHA-256("abc")
  private static final String ABC =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

  @Test
  void hexOfTextAndOfItsUtf8BytesIsTheStandardHash() {
    assertThat(Sha256.hex("abc")).isEqualTo(ABC);
    assertThat(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII))).isEqualTo(ABC);
    assertThat(Sha256.of("abc")).hasSize(32);
    assertThat(Sha256.hex("")).startsWith("e3b0c44298fc1c14");
  }

  @Test
  void textIsHashedAsUtf8() {
    assertThat(Sha256.hex("Å")).isEqualTo(Sha256.hex("Å".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aDigestFedInPartsGivesTheHashOfTheWhole() {
    MessageDigest digest = Sha256.newDigest();
    digest.update("a".getBytes(StandardCharsets.US_ASCII));
    digest.update("bc".getBytes(StandardCharsets.US_ASCII));
    assertThat(Sha256.hex(digest)).isEqualTo(ABC);
  }
}
