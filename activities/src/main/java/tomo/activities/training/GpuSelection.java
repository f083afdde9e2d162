package tomo.activities.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Which CUDA devices a training worker trains on: none (CPU), all the engine sees, or listed ids.
 *
 * @param all every device the engine sees
 * @param ids the listed device ids (empty with {@code all}, and for a CPU worker)
 */
public record GpuSelection(boolean all, List<Integer> ids) {
  /** A CPU worker. */
  public static final GpuSelection NONE = new GpuSelection(false, List.of());

  /** Every device the engine sees. */
  public static final GpuSelection ALL = new GpuSelection(true, List.of());

  public GpuSelection {
    ids = List.copyOf(ids);
    if (all && !ids.isEmpty()) {
      throw new IllegalArgumentException("gpus: 'all' or a list of ids, not both");
    }
    for (int id : ids) {
      if (id < 0) {
        throw new IllegalArgumentException("gpus: device ids are >= 0, got " + id);
      }
    }
    if (ids.stream().distinct().count() != ids.size()) {
      throw new IllegalArgumentException("gpus: a device is listed twice in " + ids);
    }
  }

  /** Parses {@code all} or comma-separated ids such as {@code 0,1} (a {@code --gpus} value). */
  public static GpuSelection parse(String text) {
    String t = text.strip();
    if (t.equalsIgnoreCase("all")) {
      return ALL;
    }
    List<Integer> ids = new ArrayList<>();
    for (String part : t.split(",")) {
      try {
        ids.add(Integer.parseInt(part.strip()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "gpus: expected 'all' or device ids such as 0,1, got '" + text + "'");
      }
    }
    return new GpuSelection(false, ids);
  }

  /** True for a CPU worker. */
  public boolean none() {
    return !all && ids.isEmpty();
  }

  /** The device ids on a machine whose engine sees {@code count} devices. */
  public List<Integer> resolve(int count) {
    if (all) {
      if (count == 0) {
        throw new IllegalArgumentException(
            "--gpus all: the engine sees no CUDA device (a CPU build of libtorch, or no driver;"
                + " build with mvn -Pcuda)");
      }
      return java.util.stream.IntStream.range(0, count).boxed().toList();
    }
    for (int id : ids) {
      if (id >= count) {
        throw new IllegalArgumentException(
            "--gpus %s: the engine sees %d CUDA device(s)%s"
                .formatted(
                    ids.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""),
                    count,
                    count == 0 ? " (a CPU build of libtorch? build with mvn -Pcuda)" : ""));
      }
    }
    return ids;
  }

  @Override
  public String toString() {
    return all
        ? "all"
        : none() ? "none" : String.join(",", ids.stream().map(String::valueOf).toList());
  }
}
