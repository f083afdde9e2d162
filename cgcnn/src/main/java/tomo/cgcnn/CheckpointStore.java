package tomo.cgcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import tomo.materials.io.AtomicFiles;

/**
 * Checkpoints of one training in a directory: {@code epoch-0007/} holds {@code state.json}, {@code
 * tensors.ndlist} (parameters, batch-norm statistics, optimizer state) and {@code best.ndlist} (the
 * parameters and statistics of the best-validation epoch so far, each tensor named: what a
 * fine-tuning starts from, {@link WarmStart}). Each is written to a hidden partial directory and
 * renamed into place ({@link AtomicFiles#writeDirectory}), so a crash leaves either the old or the
 * new checkpoint, never half of one; older checkpoints are removed after the rename.
 */
final class CheckpointStore {
  private static final String PREFIX = "epoch-";
  private static final String BEST = "best.ndlist";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path dir;

  CheckpointStore(Path dir) {
    this.dir = dir;
  }

  /** The newest complete checkpoint, if any. */
  Optional<Path> latest() {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d+"))
          .filter(p -> Files.isRegularFile(p.resolve("state.json")))
          .max(Comparator.comparing(p -> p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list checkpoints in " + dir, e);
    }
  }

  /** The best-validation weights kept beside a checkpoint (absent in older checkpoints). */
  static Path bestFile(Path checkpoint) {
    return checkpoint.resolve(BEST);
  }

  /**
   * Writes a checkpoint atomically.
   *
   * @param best the best-validation weights by name, written as {@code best.ndlist}; null: none
   *     known (a training resumed from a checkpoint written before they were kept)
   */
  void write(CheckpointState state, Map<String, NDArray> tensors, Map<String, NDArray> best) {
    try {
      Path target = dir.resolve(PREFIX + "%05d".formatted(state.epochsDone()));
      AtomicFiles.writeDirectory(
          target,
          partial -> {
            NDList list = new NDList();
            for (NDArray t : tensors.values()) {
              list.add(t);
            }
            try (OutputStream out =
                new BufferedOutputStream(
                    Files.newOutputStream(partial.resolve("tensors.ndlist")))) {
              list.encode(out);
            }
            if (best != null) {
              NDList named = new NDList();
              best.forEach(
                  (name, t) -> {
                    t.setName(name);
                    named.add(t);
                  });
              try (OutputStream out =
                  new BufferedOutputStream(Files.newOutputStream(partial.resolve(BEST)))) {
                named.encode(out);
              }
            }
            JSON.writeValue(partial.resolve("state.json").toFile(), state);
          });
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          String name = p.getFileName().toString();
          // ".epoch-…" are partial checkpoints of a crashed write, ".tmp-…" those of older versions
          if (!p.equals(target)
              && (name.startsWith(PREFIX)
                  || name.startsWith("." + PREFIX)
                  || name.startsWith(".tmp-"))) {
            AtomicFiles.deleteTree(p);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint in " + dir, e);
    }
  }

  CheckpointState readState(Path checkpoint) {
    try {
      return JSON.readValue(checkpoint.resolve("state.json").toFile(), CheckpointState.class);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read checkpoint " + checkpoint.resolve("state.json"), e);
    }
  }

  /** Copies the stored tensors into {@code tensors} (same names, shapes and types). */
  void readTensors(
      Path checkpoint, CheckpointState state, Map<String, NDArray> tensors, NDManager tmp) {
    Path file = checkpoint.resolve("tensors.ndlist");
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      NDList list = NDList.decode(tmp, in);
      List<String> names = new ArrayList<>(tensors.keySet());
      if (!names.equals(state.tensorNames()) || list.size() != names.size()) {
        throw new IllegalStateException(
            "checkpoint %s holds tensors %s, the network has %s"
                .formatted(file, state.tensorNames(), names));
      }
      for (int i = 0; i < names.size(); i++) {
        NDArray into = tensors.get(names.get(i));
        NDArray from = list.get(i);
        if (!from.getShape().equals(into.getShape()) || from.getDataType() != into.getDataType()) {
          throw new IllegalStateException(
              "checkpoint %s: tensor %s is %s %s, expected %s %s"
                  .formatted(
                      file,
                      names.get(i),
                      from.getDataType(),
                      from.getShape(),
                      into.getDataType(),
                      into.getShape()));
        }
        into.set(from.toByteBuffer());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + file, e);
    }
  }

  /** Reads the best weights of {@code checkpoint} by name, if it holds them. */
  static Optional<NDList> readBest(Path checkpoint, NDManager into) {
    Path file = bestFile(checkpoint);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(readNamed(file, into));
  }

  /** A file of named tensors ({@code best.ndlist}). */
  static NDList readNamed(Path file, NDManager into) {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      return NDList.decode(into, in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read weights " + file, e);
    }
  }

  /**
   * Copies the named tensors of {@code from} into {@code into}: every tensor of {@code into} must
   * be there with its shape and type, except {@code zeroIfAbsent} (set to zero when absent), and no
   * other.
   */
  static void copyNamed(NDList from, Map<String, NDArray> into, Path file, String zeroIfAbsent) {
    Map<String, NDArray> byName = new LinkedHashMap<>();
    for (NDArray t : from) {
      byName.put(t.getName(), t);
    }
    if (!into.keySet().containsAll(byName.keySet())) {
      throw new IllegalStateException(
          "weights %s hold tensors %s, the network has %s"
              .formatted(file, byName.keySet(), into.keySet()));
    }
    for (Map.Entry<String, NDArray> e : into.entrySet()) {
      NDArray source = byName.get(e.getKey());
      NDArray target = e.getValue();
      if (source == null && e.getKey().equals(zeroIfAbsent)) {
        target.set(new byte[Math.toIntExact(target.size() * target.getDataType().getNumOfBytes())]);
        continue;
      }
      if (source == null
          || !source.getShape().equals(target.getShape())
          || source.getDataType() != target.getDataType()) {
        throw new IllegalStateException(
            "weights %s: tensor %s is %s, the network's is %s %s"
                .formatted(
                    file,
                    e.getKey(),
                    source == null ? "missing" : source.getDataType() + " " + source.getShape(),
                    target.getDataType(),
                    target.getShape()));
      }
      target.set(source.toByteBuffer());
    }
  }
}
