package tomo.cgcnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What this process's native memory looks like: resident size and the malloc in use (Linux). */
final class NativeMemory {
  private NativeMemory() {}

  /** Resident memory of this process in MiB (VmRSS), -1 where unknown. */
  static double residentMiB() {
    for (String line : lines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        String kib = line.replaceAll("\\D", "");
        return kib.isEmpty() ? -1 : Long.parseLong(kib) / 1024.0;
      }
    }
    return -1;
  }

  /**
   * The malloc serving libtorch's tensors: "tcmalloc" or "jemalloc" when one is loaded into the
   * process (the launcher preloads tcmalloc where installed), "glibc" on Linux otherwise, "unknown"
   * elsewhere. Throughput and resident memory depend on it, so results record it. Read once: the
   * malloc of a process is fixed when it starts.
   */
  static String allocator() {
    return Allocator.NAME;
  }

  private static final class Allocator {
    static final String NAME = allocator(lines(Path.of("/proc/self/maps")));
  }

  static String allocator(List<String> maps) {
    if (maps.isEmpty()) {
      return "unknown";
    }
    for (String line : maps) {
      if (line.contains("/libtcmalloc")) {
        return "tcmalloc";
      }
      if (line.contains("/libjemalloc")) {
        return "jemalloc";
      }
    }
    return "glibc";
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of(); // not Linux
    }
  }
}
