package tomo.cgcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {
  @Test
  void theAllocatorIsReadFromTheMappedLibraries() {
    String libc =
        "7f1c2a000000-7f1c2a028000 r--p 00000000 08:01 1234 /usr/lib/x86_64-linux-gnu/libc.so.6";
    String tc =
        "7f1c2b000000-7f1c2b010000 r-xp 00000000 08:01 99 "
            + "/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4.5.10";
    String je = "7f1c2c000000-7f1c2c010000 r-xp 00000000 08:01 98 /usr/lib/libjemalloc.so.2";
    assertThat(NativeMemory.allocator(List.of(libc))).isEqualTo("glibc");
    assertThat(NativeMemory.allocator(List.of(libc, tc))).isEqualTo("tcmalloc");
    assertThat(NativeMemory.allocator(List.of(je, libc))).isEqualTo("jemalloc");
    assertThat(NativeMemory.allocator(List.of())).isEqualTo("unknown");
  }

  @Test
  void thisProcessReportsWhatItWasStartedWith() {
    String preload = System.getenv().getOrDefault("LD_PRELOAD", "");
    String expected =
        preload.contains("tcmalloc")
            ? "tcmalloc"
            : preload.contains("jemalloc") ? "jemalloc" : "glibc";
    assertThat(NativeMemory.allocator()).isEqualTo(expected);
    assertThat(NativeMemory.residentMiB()).isPositive();
  }
}
